"""Turning findings into safely written files: fix rounds, diffs, atomic writes."""
