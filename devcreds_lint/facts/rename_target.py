"""Which platform file a misspelled one is renamed to (DC101): the profile that the manifest's
``dependencies`` and the file's own imports name, else the profile of the file name itself
(docs/spec.md, DC101). Imports are read as text, so a file that does not parse (the seed's
``from homeassistant.components.developer_credentials.AuthorizationServer``) counts too."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from devcreds_lint.contracts import Profile
from devcreds_lint.discovery import PlatformFile


def _dependencies(manifest: str | None) -> list[str]:
    if manifest is None:
        return []
    try:
        data = json.loads(manifest)
    except (ValueError, RecursionError):
        return []
    found = data.get("dependencies") if isinstance(data, dict) else None
    return [d for d in found if isinstance(d, str)] if isinstance(found, list) else []


def _imports(text: str, profile: Profile) -> bool:
    """Whether ``text`` imports from the profile's component: ``from homeassistant.components.
    application_credentials import ...`` (or a dotted name under it), ``import ...`` of it, or
    ``from homeassistant.components import application_credentials``."""
    package, _, last = profile.component.rpartition(".")
    dotted = rf"^[ \t]*(?:from|import)[ \t]+{re.escape(profile.component)}\b"
    member = rf"^[ \t]*from[ \t]+{re.escape(package)}[ \t]+import\b[^\n]*\b{re.escape(last)}\b"
    return re.search(f"{dotted}|{member}", text, re.MULTILINE) is not None


def named_profiles(
    text: str | None, manifest: str | None, profiles: tuple[Profile, ...]
) -> list[Profile]:
    """The profiles the manifest's dependencies or the module's imports name, in order."""
    dependencies = _dependencies(manifest)
    return [
        p
        for p in profiles
        if p.manifest_dependency in dependencies or (text is not None and _imports(text, p))
    ]


def retarget(
    platform: PlatformFile,
    text: str | None,
    manifest: str | None,
    profiles: tuple[Profile, ...],
    names: frozenset[str],
) -> PlatformFile:
    """``platform`` (a near miss, DC101) with the profile its rename targets, and whether the
    rename is unsafe: the manifest or the imports name another profile than the target. A
    target whose file already exists is never chosen (the name's own profile stays)."""
    named = [p for p in named_profiles(text, manifest, profiles) if p.platform_file not in names]
    target = platform.profile
    if named and target not in named:
        target = named[0]
    # By name, not identity: a worker process holds unpickled copies of the profiles.
    others = [p for p in named_profiles(text, manifest, profiles) if p.name != target.name]
    return replace(platform, profile=target, unsafe_rename=bool(others))
