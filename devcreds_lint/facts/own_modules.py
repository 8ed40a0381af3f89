"""Following a name into the integration's own modules: a flow handler defined, or a base
class, in ``oauth.py`` or ``flows/handler.py`` and imported into ``config_flow.py`` (DC603,
DC607, DC608).

Those modules are the integration's files: what they define can be read, so an import from
them answers the question instead of silencing it. They are its top-level modules and the
modules of its sub-packages (``from .api.client import X``, ``from
custom_components.<domain>.api import X``), which discovery lists (``Integration.packages``)
and the cache keys on. An import is resolved the way Python resolves it:

- a relative import from the importing module's own package: ``from ..const import DOMAIN``
  in ``flows/handler.py`` is ``const.py``, ``from . import x`` there is ``flows/x.py``;
- ``a/b/__init__.py`` before ``a/b.py``; a folder without ``__init__.py`` is a namespace
  package, which holds nothing but its modules;
- a name that is a module of the package it is imported from (``from .api import client``)
  is a module, no class;
- a module that does not exist fails to import: nothing is defined there.

A module that cannot be read or does not parse, an import cycle, and a module the bounded
listing of sub-packages may not have reached are unknown; a star import of an own module
brings in what that module defines and imports, followed, and a name a module does not bind
but may star-import (``flows/__init__.py`` re-exporting ``from .handler import *``) is looked
up in each own module it star-imports (a star import of a package keeps it unknown). Imports
from packages are never followed: an API client is no flow handler.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from devcreds_lint.contracts import OAUTH2_FLOW_HANDLER
from devcreds_lint.facts.flows import FlowFacts, Follow, Known, Link, any_known, flow_facts

_UNKNOWN = Link(Known.UNKNOWN, Known.UNKNOWN)
_NOTHING = Link(Known.NO, Known.NO)
_HANDLER = Link(Known.YES, Known.NO)
_DEPTH = 8
_INIT = "__init__.py"


class OwnModules:
    """The integration's modules as :class:`FlowFacts`, read on demand.

    ``names``: the folder's listing; ``read``: the text of a file of the folder, relative to
    it (``api/client.py``; None when it cannot be read); ``folder``: the integration's folder,
    whose name and parent give its absolute package (``custom_components.<domain>``,
    ``homeassistant.components.<domain>``); ``packages``: the modules of its sub-packages,
    relative to the folder, and ``complete``: whether that listing is (discovery's
    ``Integration.packages``).
    """

    def __init__(
        self,
        folder: str,
        names: frozenset[str],
        read: Callable[[str], str | None],
        packages: frozenset[str] = frozenset(),
        complete: bool = True,
    ) -> None:
        self._names = names
        self._read = read
        self._files = frozenset(n for n in names if n.endswith(".py") and "/" not in n) | packages
        # Every folder that holds a listed module, at any depth: a package, or a namespace
        # package ("api", "api/v2").
        self._folders = frozenset(
            "/".join(parts[:end])
            for p in packages
            for parts in [p.split("/")]
            for end in range(1, len(parts))
        )
        self._complete = complete
        path = os.path.normpath(os.path.abspath(folder)).split(os.sep)
        self._packages: tuple[str, ...] = ()
        if len(path) >= 2 and path[-2] == "custom_components":
            self._packages = (f"custom_components.{path[-1]}",)
        elif len(path) >= 3 and path[-3:-1] == ["homeassistant", "components"]:
            self._packages = (f"homeassistant.components.{path[-1]}",)
        self._facts: dict[str, FlowFacts | None] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._active: set[tuple[str, str]] = set()

    def resolve(self, importer: str, module: str) -> tuple[str, ...] | None:
        """The own module that ``module`` (as written, with its leading dots) names in the
        file ``importer`` (``api/client.py``), as folder parts (``("const",)``, ``("api",
        "client")``; ``()`` is the integration's package); None when it is not the
        integration's (a package, Home Assistant, a relative import above the folder)."""
        rest = module.lstrip(".")
        level = len(module) - len(rest)
        if level:
            base = importer.split("/")[:-1]
            if level - 1 > len(base):
                return None  # above the integration's package: not its own
            parts = base[: len(base) - (level - 1)]
        else:
            package = next(
                (p for p in self._packages if module == p or module.startswith(p + ".")), None
            )
            if package is None:
                return None
            parts = []
            rest = module[len(package) + 1 :]
        return (*parts, *(rest.split(".") if rest else ()))

    def module_file(self, parts: tuple[str, ...]) -> str | None:
        """The file of the own module ``parts``: its package's ``__init__.py``, else its
        ``.py`` file (Python's order); None when there is neither (a namespace package, or
        nothing)."""
        path = "/".join(parts)
        prefix = f"{path}/" if path else ""
        if f"{prefix}{_INIT}" in self._files:
            return f"{prefix}{_INIT}"
        return f"{path}.py" if path and f"{path}.py" in self._files else None

    def exists(self, parts: tuple[str, ...]) -> Known:
        """Whether the own module ``parts`` exists (a module, a package, a folder of
        modules); UNKNOWN when the listing of sub-packages is incomplete and may not show
        it (a top-level name is always known)."""
        if not parts or self.module_file(parts) is not None or "/".join(parts) in self._folders:
            return Known.YES
        if self._complete or (len(parts) == 1 and parts[0] not in self._names):
            return Known.NO
        return Known.UNKNOWN

    def follow_from(self, importer: str, module: str, name: str) -> Link | None:
        """What ``name`` imported from ``module`` in the file ``importer`` is, when
        ``module`` is the integration's own; None when it is not."""
        parts = self.resolve(importer, module)
        if parts is None:
            return None
        file = self.module_file(parts)
        if file is not None and not file.endswith(_INIT):
            if not self._complete and (len(parts) > 1 or parts[0] in self._names):
                # A package of the same name (``a/b/__init__.py``), which Python prefers,
                # may be where the listing stopped.
                return _UNKNOWN
            return self._link(file, name)
        # A package (``__init__.py``) or a folder without one (a namespace package).
        if file is None and (exists := self.exists(parts)) is not Known.YES:
            return _NOTHING if exists is Known.NO else _UNKNOWN  # NO: the import fails
        if name == "*":
            return self._link(file, name) if file is not None else _NOTHING
        submodule = self.exists((*parts, name))
        if submodule is Known.YES:
            return _NOTHING  # ``from . import api``: a module, no class
        if submodule is Known.UNKNOWN:
            return _UNKNOWN  # a module the listing may not show
        return self._link(file, name) if file is not None else _NOTHING

    def _link(self, file: str, name: str) -> Link:
        key = (file, name)
        if key in self._links:
            return self._links[key]
        if key in self._active or len(self._active) >= _DEPTH:
            return _UNKNOWN
        self._active.add(key)
        try:
            answer = self._answer(file, name)
        finally:
            self._active.discard(key)
        self._links[key] = answer
        return answer

    def _answer(self, file: str, name: str) -> Link:
        facts = self.facts(file)
        if facts is None:
            return _UNKNOWN
        if name == "*":
            return self._brought_in(file, facts)
        cls = facts.by_name(name)
        if cls is not None:
            return Link(cls.oauth2, facts.registered(cls))
        if name in facts.imports:
            module, original = facts.imports[name]
            followed = self.follow_from(file, module, original)
            if followed is not None:
                return followed
            return _HANDLER if original == OAUTH2_FLOW_HANDLER else _NOTHING
        if facts.star:
            return self._from_stars(file, facts, name)
        return _NOTHING

    def _from_stars(self, file: str, facts: FlowFacts, name: str) -> Link:
        """A name a module does not bind itself but may bring in by ``from .x import *``
        (``flows/__init__.py`` re-exporting its modules): each own module star-imported is
        followed for it; a star import of a package keeps it unknown (anything may come from
        there)."""
        links: list[Link] = []
        for module in facts.stars:
            followed = self.follow_from(file, module, name)
            if followed is None:
                return _UNKNOWN
            links.append(followed)
        if not links:
            return _UNKNOWN
        return Link(any_known(x.oauth2 for x in links), any_known(x.registered for x in links))

    def _brought_in(self, file: str, facts: FlowFacts) -> Link:
        """What ``from .module import *`` brings in, as far as flow handlers go: every class
        the module defines and every name it imports, each followed (``const.py``, which only
        binds strings, brings in none). Private names are counted too (a superset: it can only
        keep a rule silent); a cycle is unknown, as for any name (:meth:`_link`)."""
        links = [self._link(file, c.name) for c in facts.classes]
        links += [self._link(file, local) for local in facts.imports]
        links += [self.follow_from(file, m, "*") or _UNKNOWN for m in facts.stars]
        return Link(any_known(x.oauth2 for x in links), any_known(x.registered for x in links))

    def facts(self, file: str) -> FlowFacts | None:
        """The module's facts (``file``: relative to the folder) with its own imports followed
        from its own package; None when it cannot be read or does not parse."""
        if file not in self._facts:
            self._facts[file] = None  # while it is linked: a cycle finds it unknown
            text = self._read(file)
            found = flow_facts(text) if text is not None else None
            follow: Follow = functools.partial(self.follow_from, file)
            self._facts[file] = found.linked(follow) if found is not None else None
        return self._facts[file]
