"""Everything about one integration that rules may ask: its modules, its manifest, its
constants and its other files, each read at most once and only when a rule asks."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, NamedTuple

from devcreds_lint.contracts import (
    CONFIG_FLOW,
    CREDENTIAL_FILES,
    INTEGRATION_FILES,
    STRINGS_FILES,
    Profile,
)
from devcreds_lint.discovery import Integration, PlatformFile
from devcreds_lint.facts.flows import FlowFacts
from devcreds_lint.facts.hooks import HookDef
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.own_modules import OwnModules
from devcreds_lint.parsing.reading import Reader, SourceText, Unreadable
from devcreds_lint.settings import Settings


class StringsFile(NamedTuple):
    """``name``: relative to the integration folder (``translations/en.json``)."""

    name: str
    path: str
    text: str


class IntegrationFacts:
    """One integration as the rules see it."""

    def __init__(
        self,
        integration: Integration,
        profiles: tuple[Profile, ...],
        settings: Settings,
        reader: Reader,
    ) -> None:
        self.integration = integration
        self.profiles = profiles
        self.settings = settings
        self._reader = reader
        self._siblings: dict[str, SourceText | Unreadable | None] = {}
        self._modules: dict[str, ModuleFacts | None] = {}
        self.unreadable: list[Unreadable] = []
        # Where manifest.json stops being valid JSON (line, column), once :attr:`manifest`
        # has been read and found so (DC604).
        self.manifest_error_at: tuple[int, int] | None = None
        self.platforms = [
            ModuleFacts(self._targeted(p), reader, lambda: self.const_strings)
            for p in integration.platforms
        ]

    def _targeted(self, platform: PlatformFile) -> PlatformFile:
        """A misspelled platform file with the profile its rename targets (DC101)."""
        if not platform.misspelled or len(self.profiles) < 2:
            return platform
        from devcreds_lint.facts.rename_target import retarget

        source = self._reader(platform.path)
        text = source.text if isinstance(source, SourceText) else None
        manifest = self.sibling_text("manifest.json")
        return retarget(platform, text, manifest, self.profiles, self.integration.names)

    @property
    def parsed_platforms(self) -> list[ModuleFacts]:
        """The platform modules that parsed (rules about code look only at these)."""
        return [m for m in self.platforms if m.module is not None]

    def hook_defs(self) -> Iterator[tuple[ModuleFacts, HookDef]]:
        """(module, hook) for every hook of every parsed platform module."""
        for module in self.parsed_platforms:
            for hook in module.hooks.defs:
                yield module, hook

    # Files ----------------------------------------------------------------
    def sibling(self, name: str) -> SourceText | Unreadable | None:
        """A file of the integration folder, read once; None when it does not exist. ``name``
        is relative to the folder (``translations/en.json``, when discovery listed it)."""
        if name not in self._siblings:
            path = self.integration.sibling(name)
            source = self._reader(path) if path else None
            if isinstance(source, Unreadable):
                self.unreadable.append(source)
            self._siblings[name] = source
        return self._siblings[name]

    def sibling_text(self, name: str) -> str | None:
        source = self.sibling(name)
        return source.text if isinstance(source, SourceText) else None

    @cached_property
    def strings(self) -> StringsFile | None:
        """The integration's English strings: ``strings.json``, else ``translations/en.json``
        (custom integrations ship only translations). None when neither exists, or when the
        preferred one cannot be read (DC900 reports that)."""
        for name in STRINGS_FILES:
            path = self.integration.sibling(name)
            if path is None:
                continue
            text = self.sibling_text(name)
            return StringsFile(name, path, text) if text is not None else None
        return None

    def module_of(self, name: str) -> ModuleFacts | None:
        """Another Python module of the integration folder (``config_flow.py``), read like a
        platform module and parsed once, on first use; None when absent, unreadable or
        broken (rules stay silent about a module they cannot parse)."""
        if name not in self._modules:
            path = self.integration.sibling(name)
            source = self.sibling(name)
            found: ModuleFacts | None = None
            if self.platforms and path and isinstance(source, SourceText):
                found = ModuleFacts(
                    PlatformFile(path, self.platforms[0].profile),
                    lambda _path: source,
                    lambda: self.const_strings,
                )
                if found.module is None:
                    found = None
            self._modules[name] = found
        return self._modules[name]

    @cached_property
    def manifest(self) -> dict[str, Any] | str | None:
        """The manifest object, an error message (DC604), or None when there is none."""
        if self.integration.manifest is None:
            return None
        source = self.sibling("manifest.json")
        if source is None:
            return None
        if isinstance(source, Unreadable):
            return None  # DC900 reports it; rules that need the manifest stay silent
        try:
            data = json.loads(source.text)
        except json.JSONDecodeError as exc:
            self.manifest_error_at = (exc.lineno, exc.colno)
            return f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        except RecursionError:
            return "not valid JSON: nested too deeply"
        if not isinstance(data, dict):
            return f"not a JSON object but {type(data).__name__}"
        dependencies = data.get("dependencies", [])
        if not isinstance(dependencies, list) or not all(isinstance(d, str) for d in dependencies):
            return "`dependencies` is not a list of strings"
        if "config_flow" in data and not isinstance(data["config_flow"], bool):
            return "`config_flow` is not true or false"
        return data

    @cached_property
    def flow(self) -> FlowFacts | None:
        """What ``config_flow.py`` defines (read with Python's parser), its imports from the
        integration's own modules followed; None when there is none or it does not parse
        (then nothing is known about the flow)."""
        if CONFIG_FLOW not in self.integration.names:
            return None
        return self.own_modules.facts(CONFIG_FLOW)

    @cached_property
    def own_modules(self) -> OwnModules:
        """The integration's modules (top-level and of its sub-packages), for following an
        import into them."""
        integration = self.integration
        return OwnModules(
            integration.folder,
            integration.names,
            self.module_text,
            integration.packages,
            integration.packages_complete,
        )

    def module_text(self, name: str) -> str | None:
        """The text of a module of the integration (top-level, or of a sub-package:
        ``api/client.py``); one that is no integration file and cannot be read is nobody's
        finding (no DC900), only unknown."""
        if name in self._siblings or name in INTEGRATION_FILES:
            return self.sibling_text(name)
        path = self.integration.sibling(name)
        source = self._reader(path) if path else None
        if not isinstance(source, SourceText):
            return None
        self._siblings[name] = source
        return source.text

    @cached_property
    def const_strings(self) -> Mapping[str, str]:
        """Module-level ``NAME = "literal"`` constants of the integration's ``const.py``."""
        from devcreds_lint.facts.siblings import string_constants

        text = self.sibling_text("const.py")
        # string_constants reads with Python's parser; only text that parser rejects goes to
        # libcst, and that text is screened first (libcst must not see too deep nesting).
        return string_constants(text) if text is not None else {}

    @cached_property
    def credential_modules(self) -> tuple[ModuleFacts, ...]:
        """The integration's top-level modules besides the platform modules that may hold a
        hard-coded credential or call an OAuth2 implementation class, each parsed once:
        ``__init__.py`` and ``config_flow.py``, and any other module that calls
        ``async_import_client_credential``, builds a contract object or calls an
        implementation class. A byte search and Python's parser decide before libcst is
        asked; a module that does not parse is left out (rules stay silent about it)."""
        from devcreds_lint.facts.siblings import may_hold_credentials

        platforms = {os.path.normpath(p.path) for p in self.platforms}
        found: list[ModuleFacts] = []
        for name in sorted(self.integration.names):
            path = self.integration.sibling(name)
            if "/" in name or not name.endswith(".py") or path is None:
                continue
            if os.path.normpath(path) in platforms:
                continue
            always = name in CREDENTIAL_FILES
            if not always and name not in self._siblings:
                # Not an integration file: an unreadable one is nobody's finding (no DC900).
                source = self._reader(path)
                if not isinstance(source, SourceText):
                    continue
                self._siblings[name] = source
            text = self.sibling_text(name)
            if text and may_hold_credentials(text, always):
                module = self.python_module(name)
                if module is not None:
                    found.append(module)
        return tuple(found)

    def python_module(self, name: str) -> ModuleFacts | None:
        """:meth:`module_of`, also in an integration without a platform module (DC607)."""
        return self.module_of(name) if self.platforms else self._loose_module(name)

    def _loose_module(self, name: str) -> ModuleFacts | None:
        """A module of an integration without a platform module (kept for DC607): read
        with the first enabled profile, which only decides what its hooks would be (the
        secret rules and DC308 resolve contract objects of every profile)."""
        path = self.integration.sibling(name)
        source = self.sibling(name)
        if not (self.profiles and path and isinstance(source, SourceText)):
            return None
        module = ModuleFacts(
            PlatformFile(path, self.profiles[0]), lambda _path: source, lambda: self.const_strings
        )
        return module if module.module is not None else None

    def import_checked_modules(self) -> list[tuple[str, str, ModuleFacts | None]]:
        """(path, text, its platform module or None) of the modules whose imports DC404 and
        DC405 read: the platform modules (their text with malformed imports repaired),
        ``__init__.py``, ``config_flow.py`` and the other credential modules (DC501's)."""
        found: list[tuple[str, str, ModuleFacts | None]] = []
        for module in self.platforms:
            if module.text is not None and module.module is not None:
                found.append((module.path, module.text, module))
        platforms = {os.path.normpath(p.path) for p in self.platforms}
        names = [*CREDENTIAL_FILES]
        if self.platforms:
            names += [os.path.basename(m.path) for m in self.credential_modules]
        for name in sorted(set(names)):
            path = self.integration.sibling(name)
            if path is None or os.path.normpath(path) in platforms:
                continue
            text = self.sibling_text(name)
            if text is not None:
                found.append((path, text, None))
        return found

    @property
    def code_modules(self) -> list[ModuleFacts]:
        """The parsed platform modules, then :attr:`credential_modules`: every module the
        secret rules, DC308 and the URL rules of implementation calls read."""
        return [*self.parsed_platforms, *self.credential_modules]
