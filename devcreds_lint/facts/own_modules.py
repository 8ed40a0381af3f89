"""Following a name into the integration's own modules: a flow handler defined, or a base
class, in ``oauth.py`` and imported into ``config_flow.py`` (DC603, DC607, DC608).

Those modules are the integration's files: what they define can be read, so an import from
them answers the question instead of silencing it. Only the folder's top-level modules are
followed (``from .oauth import X``, ``from custom_components.<domain>.oauth import X``):
they are the ones the cache keys on. A sub-package, a module that cannot be read or does
not parse, or an import cycle is unknown; a star import of an own module brings in what that
module defines and imports, followed. Imports from packages are never followed: an API
client is no flow handler.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from devcreds_lint.contracts import OAUTH2_FLOW_HANDLER
from devcreds_lint.facts.flows import FlowFacts, Known, Link, any_known, flow_facts

_UNKNOWN = Link(Known.UNKNOWN, Known.UNKNOWN)
_NOTHING = Link(Known.NO, Known.NO)
_HANDLER = Link(Known.YES, Known.NO)
_DEPTH = 8


class OwnModules:
    """The integration's top-level modules as :class:`FlowFacts`, read on demand.

    ``names``: the folder's listing; ``read``: the text of a file of the folder (None when it
    cannot be read); ``folder``: the integration's folder, whose name and parent give its
    absolute package (``custom_components.<domain>``, ``homeassistant.components.<domain>``).
    """

    def __init__(
        self, folder: str, names: frozenset[str], read: Callable[[str], str | None]
    ) -> None:
        self._names = names
        self._read = read
        path = os.path.normpath(os.path.abspath(folder)).split(os.sep)
        self._packages: tuple[str, ...] = ()
        if len(path) >= 2 and path[-2] == "custom_components":
            self._packages = (f"custom_components.{path[-1]}",)
        elif len(path) >= 3 and path[-3:-1] == ["homeassistant", "components"]:
            self._packages = (f"homeassistant.components.{path[-1]}",)
        self._facts: dict[str, FlowFacts | None] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._active: set[tuple[str, str]] = set()

    def module_file(self, module: str) -> str | None:
        """The file of an own module (``.oauth`` -> ``oauth.py``, ``.`` -> ``__init__.py``);
        ``""`` for an own module that is not followed (a sub-package); None when the module
        is not the integration's."""
        if module.startswith("."):
            if module.startswith(".."):
                return None
            rest = module[1:]
        else:
            package = next(
                (p for p in self._packages if module == p or module.startswith(p + ".")), None
            )
            if package is None:
                return None
            rest = module[len(package) + 1 :]
        if not rest:
            return "__init__.py"
        if "." in rest or (f"{rest}.py" not in self._names and rest in self._names):
            return ""  # a module of a sub-package, or a sub-package
        return f"{rest}.py"

    def follow(self, module: str, name: str) -> Link | None:
        """What ``name`` imported from ``module`` is, when ``module`` is the integration's
        own; None when it is not."""
        file = self.module_file(module)
        if file is None:
            return None
        if not file:
            return _UNKNOWN  # a sub-package: not followed
        if file == "__init__.py" and (f"{name}.py" in self._names or name in self._names):
            return _NOTHING  # ``from . import api``: a module, no class
        return self._link(file, name)

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
        if file not in self._names:
            return _NOTHING  # the import fails: nothing is defined there
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
            followed = self.follow(module, original)
            if followed is not None:
                return followed
            return _HANDLER if original == OAUTH2_FLOW_HANDLER else _NOTHING
        if facts.star:
            return _UNKNOWN
        return _NOTHING

    def _brought_in(self, file: str, facts: FlowFacts) -> Link:
        """What ``from .module import *`` brings in, as far as flow handlers go: every class
        the module defines and every name it imports, each followed (``const.py``, which only
        binds strings, brings in none). Private names are counted too (a superset: it can only
        keep a rule silent); a cycle is unknown, as for any name (:meth:`_link`)."""
        links = [self._link(file, c.name) for c in facts.classes]
        links += [self._link(file, local) for local in facts.imports]
        links += [self.follow(m, "*") or _UNKNOWN for m in facts.stars]
        return Link(any_known(x.oauth2 for x in links), any_known(x.registered for x in links))

    def facts(self, file: str) -> FlowFacts | None:
        """The module's facts with its own imports followed; None when it cannot be read or
        does not parse."""
        if file not in self._facts:
            self._facts[file] = None  # while it is linked: a cycle finds it unknown
            text = self._read(file)
            found = flow_facts(text) if text is not None else None
            self._facts[file] = found.linked(self.follow) if found is not None else None
        return self._facts[file]
