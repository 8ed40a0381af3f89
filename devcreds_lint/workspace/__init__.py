"""The workspace: configuration, what is left out, and which integration a path belongs to."""
