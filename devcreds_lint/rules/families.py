"""Imports every rule family so that each registers its rules (see ``rules/__init__.py``)."""

from devcreds_lint.rules import (
    files,
    hooks,
    imports,
    integration,
    internal,
    objects,
    secrets,
    unused_noqa,
)

FAMILIES = (files, hooks, objects, imports, secrets, integration, internal, unused_noqa)
