"""Recall on real code: inject each rule's defect into every real integration it applies to,
and check that the rule reports it and that nothing else changes.

For every integration under the given paths (Home Assistant's ``homeassistant/`` tree, a
folder of third-party integrations laid out by ``check_third_party.py``, or the project's
examples and fixtures), and for every rule with an injectable defect (all but DC100, DC604,
DC900 and DC901), the integration is copied to a temporary folder (never into this
repository), the defect is written into the copy the way people write it (a `def` for an
`async def`, `token_uri=` for `token_url=`, a `domain=` left out, ...), and both copies are
checked. The rule must report the defect (its code is new in the copy's findings), and no
other code may appear or disappear ("collateral", listed); a finding that started in code the
injection deleted or rewrote (a deleted platform module's findings, a deleted hook's) goes
with that code and is no collateral change. An integration the rule does not
apply to (no contract object to break, no flow handler to unregister) is not counted.

A miss is a miss: each is listed with the sentence of docs/spec.md that explains it, when
one does ("unknowability is local"), but it still counts against recall. Two cases are not
misses, and each is listed by name: a defect reported under the code that docs/spec.md's
"One root cause, one finding" gives it (a required hook deleted while a method of its name
stays inside a class is DC204), and an integration the defect cannot be injected into
because the change would break nothing (DC607: a flow that builds its own implementation,
and a set-up that never asks Home Assistant for one, work without the platform module; told
from the integration's text, not by the rule's code).

    python scripts/inject_defects.py /work/ha/2026.11.0/homeassistant [--rule DC203] [--json]

Prints a table: rule, applicable integrations, found, recall; then each miss, each defect
found under another code, each integration not injected, and each collateral change.
"""

from __future__ import annotations

import argparse
import ast
import collections
import difflib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devcreds_lint.catalogue import CATALOGUE  # noqa: E402
from devcreds_lint.check_options import CheckOptions  # noqa: E402
from devcreds_lint.contracts import APP_CREDS, CONFIG_FLOW, MANIFEST, PROFILES  # noqa: E402
from devcreds_lint.discovery import discover, package_modules  # noqa: E402
from devcreds_lint.engine import check_integration  # noqa: E402
from devcreds_lint.facts.flows import (  # noqa: E402
    Known,
    flow_facts,
    is_literal,
    registered_argument,
    registers_implementation,
)
from devcreds_lint.facts.integration import IntegrationFacts  # noqa: E402
from devcreds_lint.facts.python_ast import parse_module, parse_newer_syntax  # noqa: E402
from devcreds_lint.parsing.reading import make_reader  # noqa: E402

NOT_INJECTABLE = frozenset({"DC000", "DC100", "DC604", "DC900", "DC901"})
APP_FILE = "application_credentials.py"
HOOKS = ("async_get_authorization_server", "async_get_auth_implementation")
MISSPELLED = {
    "async_get_authorization_server": "async_get_authorisation_server",
    "async_get_auth_implementation": "async_get_auth_implementaton",
}
URL_PARAMS = {
    "AuthorizationServer": ("authorize_url", "token_url"),
    "LocalOAuth2Implementation": (None, None, None, None, "authorize_url", "token_url"),
    "LocalOAuth2ImplementationWithPkce": (None, None, None, "authorize_url", "token_url"),
}


# Text edits -------------------------------------------------------------------------------


def offset(text: str, row: int, byte_column: int) -> int:
    """The character offset of (1-based row, UTF-8 byte column) as Python's parser gives it."""
    start = 0
    for _ in range(row - 1):
        start = text.index("\n", start) + 1
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    return start + len(line.encode("utf-8")[:byte_column].decode("utf-8", "ignore"))


def span(text: str, node: ast.AST) -> tuple[int, int]:
    return (
        offset(text, node.lineno, node.col_offset),  # type: ignore[attr-defined]
        offset(text, node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
    )


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def parse(text: str | None) -> ast.Module | None:
    """Python's parse, or of a newer Python's forms rewritten for this one (``type X = ...``,
    ``except A, B:``): only those lines change, so positions elsewhere stay true."""
    if text is None:
        return None
    return parse_module(text) or parse_newer_syntax(text)


def after_docstring(text: str, tree: ast.Module) -> int:
    """Where a new statement can go at the top: after the docstring and ``__future__``."""
    position = 0
    for stmt in tree.body:
        is_doc = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
        if not (is_doc or future):
            break
        position = span(text, stmt)[1]
    return position


def insert_statement(text: str, tree: ast.Module, line: str) -> str:
    at = after_docstring(text, tree)
    return text[:at] + ("\n" if at else "") + line + ("\n" if not at else "") + text[at:]


def hook_defs(tree: ast.Module) -> list[ast.AsyncFunctionDef | ast.FunctionDef]:
    return [
        s
        for s in tree.body
        if isinstance(s, (ast.AsyncFunctionDef, ast.FunctionDef)) and s.name in HOOKS
    ]


def own_walk(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function's body, not entering nested functions, classes, lambdas."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        current = todo.pop()
        yield current
        if not isinstance(
            current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
        ):
            todo.extend(ast.iter_child_nodes(current))


def calls_named(tree: ast.AST, names: tuple[str, ...]) -> list[ast.Call]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names:
                found.append(node)
    return sorted(found, key=lambda c: (c.lineno, c.col_offset))


def url_argument(call: ast.Call, which: str) -> ast.expr | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    params = URL_PARAMS.get(name, ())
    for keyword in call.keywords:
        if keyword.arg == which:
            return keyword.value
    if which in params:
        index = params.index(which)
        if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
            return call.args[index]
    return None


# The integration as an injector sees it ------------------------------------------------------


@dataclass
class View:
    folder: Path
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def domain(self) -> str:
        return self.folder.name

    @property
    def custom(self) -> bool:
        return self.folder.parent.name == "custom_components"

    def text(self, name: str) -> str | None:
        if name not in self.texts:
            path = self.folder / name
            try:
                self.texts[name] = path.read_text(encoding="utf-8") if path.is_file() else ""
            except (OSError, UnicodeDecodeError):
                self.texts[name] = ""
        return self.texts[name] or None

    def tree(self, name: str) -> ast.Module | None:
        return parse(self.text(name))

    @property
    def platform(self) -> str | None:
        return APP_FILE if self.text(APP_FILE) is not None else None

    def manifest(self) -> dict[str, object] | None:
        text = self.text(MANIFEST)
        try:
            data = json.loads(text) if text else None
        except json.JSONDecodeError:
            return None
        return data if isinstance(data, dict) else None

    def modules(self, packages: bool = False) -> list[str]:
        """The integration's top-level modules; with ``packages``, those of its sub-packages
        too (``api/client.py``, as discovery lists them), where DC607 and DC608 look."""
        top = frozenset(p.name for p in self.folder.iterdir())
        found = sorted(n for n in top if n.endswith(".py"))
        return found + sorted(package_modules(str(self.folder), top)[0]) if packages else found


Mutation = dict[str, "str | None"]
"""File name -> new text (None: delete it)."""


@dataclass(frozen=True)
class Skip:
    """An integration the rule's defect cannot be injected into, and why (listed in the
    report, not counted: the copy would be no defective integration)."""

    reason: str


LOOKUP = "async_get_config_entry_implementation"
OAUTH2_HANDLER = "AbstractOAuth2FlowHandler"


def platform_edit(view: View, edit: Callable[[str, ast.Module], str | None]) -> Mutation | None:
    text = view.text(APP_FILE)
    tree = parse(text)
    if text is None or tree is None:
        return None
    new = edit(text, tree)
    return {APP_FILE: new} if new is not None and new != text else None


# Injectors, one per rule -------------------------------------------------------------------


def dc101(view: View) -> Mutation | None:
    text = view.text(APP_FILE)
    return {APP_FILE: None, "application_credential.py": text} if text is not None else None


def dc103(view: View) -> Mutation | None:
    text = view.text(APP_FILE)
    return {"application_credentails.py": text} if text is not None else None


def dc102(view: View) -> Mutation | None:
    return platform_edit(
        view,
        lambda text, tree: insert_statement(text, tree, f"from {APP_CREDS}.AuthorizationServer\n"),
    )


def dc201(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        hooks = hook_defs(tree)
        if not hooks:
            return None
        edits = []
        for hook in hooks:
            first = min([hook.lineno, *(d.lineno for d in hook.decorator_list)])
            start = offset(text, first, 0)
            end = offset(text, hook.end_lineno or hook.lineno, hook.end_col_offset or 0)
            edits.append((start, end, "pass"))
        return apply(text, edits)

    return platform_edit(view, edit)


def dc202(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        hooks = hook_defs(tree)
        if not hooks:
            return None
        hook = hooks[0]
        start = offset(text, hook.lineno, hook.col_offset)
        at = text.index(hook.name, start)
        return text[:at] + MISSPELLED[hook.name] + text[at + len(hook.name) :]

    return platform_edit(view, edit)


def _awaits(hook: ast.AST) -> bool:
    return any(isinstance(n, (ast.Await, ast.AsyncFor, ast.AsyncWith)) for n in own_walk(hook))


def dc203(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            if isinstance(hook, ast.AsyncFunctionDef) and not _awaits(hook):
                start = offset(text, hook.lineno, hook.col_offset)
                return text[:start] + text[start:].replace("async def ", "def ", 1)
        return None

    return platform_edit(view, edit)


def dc204(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        hooks = hook_defs(tree)
        if not hooks:
            return None
        hook = hooks[0]
        first = min([hook.lineno, *(d.lineno for d in hook.decorator_list)])
        start = offset(text, first, 0)
        end = offset(text, hook.end_lineno or hook.lineno, hook.end_col_offset or 0)
        body = "".join(
            "    " + line if line.strip() else line for line in text[start:end].splitlines(True)
        )
        return (
            text[:start]
            + 'class Platform:\n    """The platform\'s hooks."""\n\n'
            + body
            + text[end:]
        )

    return platform_edit(view, edit)


def dc205(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            if hook.args.args:
                at = span(text, hook.args.args[0])[0]
                return text[:at] + "self, " + text[at:]
        return None

    return platform_edit(view, edit)


def dc206(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            if hook.args.args:
                arg = hook.args.args[0]
                if arg.annotation is not None:
                    start, end = span(text, arg.annotation)
                    return text[:start] + "str" + text[end:]
                end = span(text, arg)[1]
                return text[:end] + ": str" + text[end:]
        return None

    return platform_edit(view, edit)


def dc207(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            if hook.returns is not None:
                start, end = span(text, hook.returns)
                return text[:start] + "str" + text[end:]
            header_end = span(text, hook.body[0])[0]
            header = text[offset(text, hook.lineno, hook.col_offset) : header_end]
            matches = list(re.finditer(r"\)\s*:", header))
            if matches:
                match = matches[-1]
                at = header_end - len(header) + match.start() + 1
                return text[:at] + " -> str" + text[at:]
        return None

    return platform_edit(view, edit)


def _body_after_docstring(hook: ast.AST) -> list[ast.stmt]:
    body = list(hook.body)  # type: ignore[attr-defined]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body


def dc208(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            body = _body_after_docstring(hook)
            if body:
                start = offset(text, body[0].lineno, body[0].col_offset)
                end = offset(text, body[-1].end_lineno or 0, body[-1].end_col_offset or 0)
                return text[:start] + "pass" + text[end:]
        return None

    return platform_edit(view, edit)


def dc209(view: View) -> Mutation | None:
    return platform_edit(
        view,
        lambda text, tree: (
            text.rstrip("\n")
            + '\n\n\nasync def async_get_scopes(hass):\n    """Return the scopes."""\n    return ["read"]\n'
        ),
    )


def dc210(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for hook in hook_defs(tree):
            if not isinstance(hook, ast.AsyncFunctionDef):
                continue
            for node in own_walk(hook):
                if isinstance(node, ast.Return) and node.value is not None:
                    start, end = span(text, node.value)
                    new = text[:start] + "_resolved(" + text[start:end] + ")" + text[end:]
                    return new.rstrip("\n") + (
                        '\n\n\nasync def _resolved(value):\n    """Return the value."""\n'
                        "    return value\n"
                    )
        return None

    return platform_edit(view, edit)


OBJECTS = ("AuthorizationServer", "ClientCredential")


def _object_calls(tree: ast.Module) -> list[ast.Call]:
    return [c for c in calls_named(tree, OBJECTS) if len(c.args) + len(c.keywords) >= 2]


def dc301(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for call in _object_calls(tree):
            arguments: list[ast.AST] = [*call.args, *call.keywords]
            if any(isinstance(a, ast.Starred) for a in call.args) or any(
                k.arg is None for k in call.keywords
            ):
                continue
            last = max(arguments, key=lambda a: (a.lineno, a.col_offset))  # type: ignore[attr-defined]
            before = sorted(arguments, key=lambda a: (a.lineno, a.col_offset))[-2]  # type: ignore[attr-defined]
            return text[: span(text, before)[1]] + text[span(text, last)[1] :]
        return None

    return platform_edit(view, edit)


def dc302(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for call in calls_named(tree, ("AuthorizationServer",)):
            for keyword in call.keywords:
                if keyword.arg == "token_url":
                    start = offset(text, keyword.lineno, keyword.col_offset)
                    return text[:start] + "token_uri" + text[start + len("token_url") :]
            if len(call.args) == 2 and not call.keywords:
                start = span(text, call.args[1])[0]
                return text[:start] + "token_uri=" + text[start:]
        return None

    return platform_edit(view, edit)


def dc303(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for call in calls_named(tree, ("AuthorizationServer",)):
            if any(isinstance(a, ast.Starred) for a in call.args) or not (
                call.args or call.keywords
            ):
                continue
            if call.args:  # one positional argument too many: the last one again
                start, end = span(text, call.args[-1])
                return text[:end] + ", " + text[start:end] + text[end:]
            # keywords only: the first field given again by position
            start, end = span(text, call.keywords[0].value)
            at = span(text, call.keywords[0])[0]
            return text[:at] + text[start:end] + ", " + text[at:]
        return None

    return platform_edit(view, edit)


def _url_edit(
    view: View,
    value: Callable[[str], str],
    both: bool = False,
    callees: tuple[str, ...] = tuple(URL_PARAMS),
) -> Mutation | None:
    """Replace the token URL (and with ``both`` the authorize URL) of the first contract
    object or implementation call in the platform module."""

    def edit(text: str, tree: ast.Module) -> str | None:
        for call in calls_named(tree, callees):
            token = url_argument(call, "token_url")
            authorize = url_argument(call, "authorize_url")
            if token is None or (both and authorize is None):
                continue
            edits = [(*span(text, token), value("token"))]
            if both and authorize is not None:
                edits.append((*span(text, authorize), value("authorize")))
            return apply(text, edits)
        return None

    return platform_edit(view, edit)


def dc304(view: View) -> Mutation | None:
    return _url_edit(view, lambda _: '"oauth2/token"')


def dc305(view: View) -> Mutation | None:
    return _url_edit(view, lambda _: '"http://auth.acme-cloud.io/oauth2/token"')


def dc306(view: View) -> Mutation | Skip | None:
    mutation = _url_edit(view, lambda _: '"https://auth.acme-cloud.io/oauth2"', both=True)
    if mutation is not None and _replaces_authorize_step(view):
        return Skip(
            "no defect to inject: the flow replaces the authorize step (its own "
            "async_step_auth never builds the authorize URL), so an authorize_url equal to "
            "the token URL breaks nothing"
        )
    return mutation


def _replaces_authorize_step(view: View) -> bool:
    """Whether ``config_flow.py`` is an OAuth2 flow that overrides ``async_step_auth`` and
    names nothing that builds or reads the authorize URL: no ``authorize_url`` (also in
    ``async_generate_authorize_url``), no ``async_step_auth`` but its own (``self.``), and
    no call that passes ``self`` or ``self.flow_impl`` on. Told from the text and Python's
    parse of it, not by the rule's code."""
    text = view.text(CONFIG_FLOW) or ""
    tree = parse(text)
    if tree is None or "AbstractOAuth2FlowHandler" not in text or "authorize_url" in text:
        return False
    if "def async_step_auth(" not in text:
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        own = isinstance(owner, ast.Name) and owner.id == "self"
        step = isinstance(node.func, ast.Attribute) and node.func.attr == "async_step_auth"
        if step and not own:
            return False
        passed = [*node.args, *(k.value for k in node.keywords)]
        if not own and any(ast.unparse(a) in ("self", "self.flow_impl") for a in passed):
            return False
    return True


def dc307(view: View) -> Mutation | None:
    # DC307 is about the contract objects' fields, not the implementation classes' arguments
    return _url_edit(view, lambda _: "443", callees=("AuthorizationServer",))


def dc309(view: View) -> Mutation | None:
    return _url_edit(view, lambda _: '"https://example.com/oauth2/token"')


def dc503(view: View) -> Mutation | None:
    return _url_edit(view, lambda _: '"https://auth.acme-cloud.io/oauth2/token?api_key=k3y"')


IMPLEMENTATIONS = (
    "LocalOAuth2Implementation",
    "LocalOAuth2ImplementationWithPkce",
    "AuthImplementation",
)


def dc308(view: View) -> Mutation | None:
    for name in view.modules():
        text = view.text(name)
        tree = parse(text)
        if text is None or tree is None:
            continue
        for call in calls_named(tree, IMPLEMENTATIONS):
            if any(isinstance(a, ast.Starred) for a in call.args) or any(
                k.arg is None for k in call.keywords
            ):
                continue
            # A required argument left out: the token URL, or AuthImplementation's server.
            func = call.func
            callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            dropped = (
                url_argument(call, "token_url")
                if callee in URL_PARAMS
                else (call.args[3] if len(call.args) == 4 and not call.keywords else None)
            )
            if dropped is None:
                continue
            arguments: list[ast.AST] = sorted(
                [*call.args, *call.keywords],
                key=lambda a: (a.lineno, a.col_offset),  # type: ignore[attr-defined]
            )
            node = next(
                a for a in arguments if a is dropped or getattr(a, "value", None) is dropped
            )
            index = arguments.index(node)
            if index == 0:
                continue
            # A positional one goes with every positional argument after it (the optional
            # ones would slide into its place and fit again).
            last = node
            if not isinstance(node, ast.keyword):
                last = max(
                    (a for a in arguments if not isinstance(a, ast.keyword)),
                    key=lambda a: (a.lineno, a.col_offset),  # type: ignore[attr-defined]
                )
            start = span(text, arguments[index - 1])[1]
            return {name: text[:start] + text[span(text, last)[1] :]}
    return _literal_registration(view)


def _literal_registration(view: View) -> Mutation | None:
    """DC308 widened: an implementation registered as a string, the way a real fix commit
    shows it (``async_register_implementation(hass, DOMAIN, "legrand_smarther")``): the
    first registration's implementation argument becomes the domain's name."""
    for name in view.modules():
        text = view.text(name)
        tree = parse(text)
        if text is None or tree is None:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = ast.unparse(node.func).rsplit(".", 1)[-1]
            if callee not in REGISTRATIONS:
                continue
            argument = registered_argument(node)
            if argument is None or is_literal(argument):
                continue
            start, end = span(text, argument)
            return {name: text[:start] + json.dumps(view.domain) + text[end:]}
    return None


def dc401(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "homeassistant.core":
                names = [a for a in stmt.names if a.name != "HomeAssistant" or a.asname]
                if len(names) == len(stmt.names):
                    continue
                if "HomeAssistant" not in text[span(text, stmt)[1] :]:
                    continue
                start, end = span(text, stmt)
                new = (
                    "from homeassistant.core import "
                    + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
                    if names
                    else "pass"
                )
                return text[:start] + new + text[end:]
        return None

    return platform_edit(view, edit)


def dc402(view: View) -> Mutation | None:
    def edit(text: str, tree: ast.Module) -> str | None:
        for stmt in tree.body:
            if (
                isinstance(stmt, ast.ImportFrom)
                and stmt.module == "homeassistant.core"
                and any(a.name == "HomeAssistant" for a in stmt.names)
            ):
                start = offset(text, stmt.lineno, stmt.col_offset)
                at = text.index("homeassistant.core", start)
                return (
                    text[:at]
                    + "homeassistant.helpers.typing"
                    + text[at + len("homeassistant.core") :]
                )
        return None

    return platform_edit(view, edit)


def dc403(view: View) -> Mutation | None:
    return platform_edit(
        view,
        lambda text, tree: insert_statement(text, tree, f"from {APP_CREDS} import DATA_STORAGE\n"),
    )


def dc404(view: View) -> Mutation | None:
    if not view.custom:
        return None
    for name in [APP_FILE, "__init__.py", CONFIG_FLOW]:
        text = view.text(name)
        tree = parse(text)
        if text is None or tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                start = offset(text, node.lineno, node.col_offset)
                match = re.compile(r"from\s+\.").match(text, start)
                if match is None:
                    continue
                return {
                    name: text[: match.end() - 1]
                    + f"homeassistant.components.{view.domain}."
                    + text[match.end() :]
                }
    return None


def dc405(view: View) -> Mutation | None:
    return platform_edit(
        view,
        lambda text, tree: insert_statement(
            text,
            tree,
            "from homeassistant.helpers.config_entry_oath2_flow import async_get_implementations\n",
        ),
    )


def _credential(client_id: str, client_secret: str) -> Callable[[str, ast.Module], str]:
    def edit(text: str, tree: ast.Module) -> str:
        text = insert_statement(text, tree, f"from {APP_CREDS} import ClientCredential\n")
        return text.rstrip("\n") + (
            "\n\n\ndef _fallback_credential(hass):\n"
            '    """The credential to use when the user has none."""\n'
            f"    return ClientCredential({client_id}, {client_secret})\n"
        )

    return edit


def dc501(view: View) -> Mutation | None:
    return platform_edit(view, _credential('hass.data["client_id"]', '"9f2c4e7a1b3d5f60"'))


def dc502(view: View) -> Mutation | None:
    return platform_edit(view, _credential('"acme-home-assistant"', 'hass.data["client_secret"]'))


def _manifest_edit(view: View, change: Callable[[dict[str, object]], bool]) -> Mutation | None:
    data = view.manifest()
    if data is None or not change(data):
        return None
    return {MANIFEST: json.dumps(data, indent=2) + "\n"}


def _depends(data: dict[str, object]) -> list[str]:
    deps = data.get("dependencies", [])
    return deps if isinstance(deps, list) else []


def dc601(view: View) -> Mutation | None:
    if view.platform is None:
        return None

    def change(data: dict[str, object]) -> bool:
        deps = _depends(data)
        if "application_credentials" not in deps:
            return False
        data["dependencies"] = [d for d in deps if d != "application_credentials"]
        return True

    return _manifest_edit(view, change)


def dc602(view: View) -> Mutation | None:
    if view.platform is None:
        return None

    def change(data: dict[str, object]) -> bool:
        if data.get("config_flow") is not True:
            return False
        data["config_flow"] = False
        return True

    return _manifest_edit(view, change)


def dc603(view: View) -> Mutation | None:
    if view.platform is None:
        return None
    text = view.text(CONFIG_FLOW)
    tree = parse(text)
    if text is None or tree is None:
        return None
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                dotted = ast.unparse(base)
                if dotted.rsplit(".", 1)[-1] == "AbstractOAuth2FlowHandler":
                    edits.append((*span(text, base), "ConfigFlow"))
    if not edits:
        return None
    new = apply(text, edits)
    return {
        CONFIG_FLOW: insert_statement(
            new, tree, "from homeassistant.config_entries import ConfigFlow\n"
        )
    }


def dc605(view: View) -> Mutation | None:
    if view.platform is None:
        return None
    for name in ("strings.json", "translations/en.json"):
        text = view.text(name)
        if text is None:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return None
        section = data.setdefault("application_credentials", {})
        if not isinstance(section, dict):
            return None
        section["description"] = str(section.get("description", "")) + " See {setup_guide_url}."
        return {name: json.dumps(data, indent=2, ensure_ascii=False) + "\n"}
    return None


REGISTRATIONS = ("async_register_implementation", "async_add_implementation_provider")


def _registrations_removed(view: View) -> Mutation:
    """Every own module's statements that register an implementation, each made ``pass``.

    An integration that registers its own implementation needs no platform module, so
    deleting only the module is no defect there; the defect DC607 is about is an integration
    left with no source of an implementation at all, which is what the copy then has."""
    found: Mutation = {}
    for name in view.modules(packages=True):
        text = view.text(name)
        tree = parse(text)
        if name == APP_FILE or text is None or tree is None:
            continue
        edits = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.Expr):
                continue
            call = node.value.value if isinstance(node.value, ast.Await) else node.value
            callee = ast.unparse(call.func) if isinstance(call, ast.Call) else ""
            if callee.rsplit(".", 1)[-1] in REGISTRATIONS:
                edits.append((*span(text, node), "pass"))
        if edits:
            found[name] = apply(text, edits)
    return found


def _asks_for_an_implementation(view: View) -> bool:
    """Whether Home Assistant would ask for the integration's implementation: its set-up
    looks the entry's implementation up (``async_get_config_entry_implementation``), or its
    config flow goes to Home Assistant's picker (it keeps Home Assistant's first step, or its
    text names the pick step or hands on to ``super().async_step_user``). Told from the text
    alone, not by the rule's code: a flow that builds its own implementation or creates the
    entry itself, with a set-up that never looks one up, works without any."""
    if any(LOOKUP in (view.text(n) or "") for n in view.modules(packages=True)):
        return True
    flow = view.text(CONFIG_FLOW) or ""
    if OAUTH2_HANDLER not in flow and "flow_impl" not in flow:
        return True  # no OAuth2 flow: the manifest's dependency offers it in the dialog
    if not re.search(r"def\s+async_step_user\s*\(", flow):
        return True  # Home Assistant's first step goes to the picker
    return "pick_implementation" in flow or "super().async_step_user" in flow


def dc607(view: View) -> Mutation | Skip | None:
    """The platform module deleted, with the integration's own registrations (an integration
    that registers its own needs no platform module); for an integration that has none and
    registers its own, the registrations taken away."""
    data = view.manifest()
    if data is None:
        return None
    depends = "application_credentials" in _depends(data)
    if view.platform is not None and not depends:
        return None
    if view.platform is None and not (depends or OAUTH2_HANDLER in (view.text(CONFIG_FLOW) or "")):
        return None
    registrations = _registrations_removed(view)
    if view.platform is None and not registrations:
        return None  # nothing to take away
    if not _asks_for_an_implementation(view):
        return Skip(
            "no defect to inject: the flow picks its own implementation or creates the entry "
            "itself, and set-up never looks one up, so Home Assistant works without the "
            "platform module or a registration"
        )
    if view.platform is None:
        return registrations
    return {APP_FILE: None, **registrations}


def dc608(view: View) -> Mutation | None:
    text = view.text(CONFIG_FLOW)
    facts = flow_facts(text) if text is not None else None
    if text is None or facts is None or not facts.handlers:
        return None  # DC608 is about OAuth2 flow handlers
    # The registration is taken away where it is written: in config_flow.py, and in an own
    # module whose registered handler config_flow.py imports (followed by the rule).
    found: Mutation = {}
    for name in view.modules(packages=True):
        module = view.text(name)
        tree = parse(module)
        if module is None or tree is None:
            continue
        edits = _registrations_of_handlers(module, tree)
        if edits:
            found[name] = apply(module, edits)
    return found or None


def _registrations_of_handlers(text: str, tree: ast.Module) -> list[tuple[int, int, str]]:
    """Edits that drop every class's ``domain=`` keyword and ``HANDLERS.register`` decorator."""
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for keyword in node.keywords:
            if keyword.arg == "domain":
                arguments = [*node.bases, *node.keywords]
                index = arguments.index(keyword)
                start, end = span(text, keyword.value)
                key_start = offset(text, keyword.lineno, keyword.col_offset)
                if index:
                    key_start = span(text, arguments[index - 1])[1]
                edits.append((key_start, end, ""))
        for decorator in node.decorator_list:
            if "HANDLERS" in ast.unparse(decorator):
                start, end = span(text, decorator)
                edits.append((start - 1, end, ""))
    return edits


def dc609(view: View) -> Mutation | None:
    def change(data: dict[str, object]) -> bool:
        if not isinstance(data.get("domain"), str):
            return False
        data["domain"] = f"{data['domain']}_cloud"
        return True

    return _manifest_edit(view, change)


INJECTORS: dict[str, Callable[[View], Mutation | Skip | None]] = {
    "DC101": dc101,
    "DC102": dc102,
    "DC103": dc103,
    "DC201": dc201,
    "DC202": dc202,
    "DC203": dc203,
    "DC204": dc204,
    "DC205": dc205,
    "DC206": dc206,
    "DC207": dc207,
    "DC208": dc208,
    "DC209": dc209,
    "DC210": dc210,
    "DC301": dc301,
    "DC302": dc302,
    "DC303": dc303,
    "DC304": dc304,
    "DC305": dc305,
    "DC306": dc306,
    "DC307": dc307,
    "DC308": dc308,
    "DC309": dc309,
    "DC401": dc401,
    "DC402": dc402,
    "DC403": dc403,
    "DC404": dc404,
    "DC405": dc405,
    "DC501": dc501,
    "DC502": dc502,
    "DC503": dc503,
    "DC601": dc601,
    "DC602": dc602,
    "DC603": dc603,
    "DC605": dc605,
    "DC607": dc607,
    "DC608": dc608,
    "DC609": dc609,
}
"""DC606 needs a developer_credentials integration reading YAML credentials: none exists in
the real trees, so it has no injector here (its examples cover it)."""


# Why a rule may stay silent (docs/spec.md's sentences), told from the mutated copy ---------


def why_silent(code: str, folder: Path) -> str:
    """The sentence of the spec that explains a silence on ``folder``, or ``""``."""
    found = discover([str(folder)], PROFILES)
    if not found.integrations:
        return "discovery: the copy is no integration"
    ctx = IntegrationFacts(
        found.integrations[0], PROFILES, CheckOptions().settings, make_reader(None, 2**21)
    )
    flow = ctx.flow
    if code == "DC607":
        if not ctx.integration.packages_complete:
            return "DC607: a module may be beyond the bounded listing of its sub-packages"
        for name in ctx.integration.modules:
            text = ctx.module_text(name)
            if text is not None and registers_implementation(text) is not Known.NO:
                return (
                    f"DC607: registers an implementation itself ({name}: a call of "
                    "async_register_implementation or async_add_implementation_provider that "
                    "the harness could not take away, or a name of one it cannot follow)"
                )
        if flow is not None and flow.picks_implementation() is not Known.NO:
            return (
                "DC607: its flow picks its own implementation (no path to the picker) and "
                "set-up never looks one up"
            )
    if code == "DC608" and flow is not None:
        if flow.registry_used:
            return "DC608: config_flow.py uses HANDLERS otherwise"
        if flow.own_registered_import is not Known.NO:
            return "DC608: an own module's class that is or derives from a handler passing domain="
    if code == "DC603" and flow is not None and flow.has_oauth2_handler is Known.UNKNOWN:
        return "DC603: a base class that cannot be followed, or an own module's class that may be a handler"
    if code == "DC201":
        tree = parse(View(folder).text(APP_FILE))
        top = set(tree.body) if tree is not None else set()
        nested = [
            n
            for n in (ast.walk(tree) if tree is not None else ())
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            and n.name in HOOKS
            and n not in top
        ]
        if nested:
            return (
                "One root cause, one finding: DC201 is not reported where DC204 (a hook in "
                "the wrong place) explains why the required hook is missing"
            )
    if code in ("DC304", "DC305", "DC306", "DC309", "DC503"):
        return "Matching rules: a value that cannot be known statically (if any part is unknowable)"
    if code == "DC605":
        return "DC605: the keys the placeholders hook returns cannot be known"
    return ""


# Running ------------------------------------------------------------------------------------


def integration_folders(paths: list[str]) -> list[Path]:
    found = discover(paths, PROFILES)
    return [Path(i.folder) for i in found.integrations]


def layout(folder: Path, temp: Path, index: int) -> Path:
    """A copy of the integration under the same kind of parent (custom_components, or
    homeassistant/components), which DC404 and DC609 read."""
    parent = folder.parent
    kind = (
        Path("homeassistant/components")
        if parent.name == "components" and parent.parent.name == "homeassistant"
        else Path("custom_components")
    )
    target = temp / str(index) / kind / folder.name
    shutil.copytree(folder, target, symlinks=True)
    return target


Finding = tuple[str, str, str, str]
"""(code, severity, file name, message): a finding told apart from the others of its code
without its position, which an injection moves."""


def findings_of(folder: Path) -> collections.Counter[Finding]:
    return collections.Counter(f for f, _row in located_findings(folder))


def located_findings(folder: Path) -> list[tuple[Finding, int]]:
    """Each finding with the (1-based) row where it starts."""
    found = discover([str(folder)], PROFILES)
    return [
        ((d.code, d.severity.value, Path(d.path).name, d.message), d.start.row)
        for integration in found.integrations
        for d in check_integration(integration, CheckOptions())
    ]


def removed_rows(view: View, mutation: Mutation) -> dict[str, set[int] | None]:
    """File name -> the rows of the original that the mutation deletes or rewrites (None: the
    whole file is deleted). A finding that starts there went with the code the injection took
    away: the defect's own consequence, not a collateral change."""
    removed: dict[str, set[int] | None] = {}
    for name, new in mutation.items():
        old = view.text(name)
        if old is None:
            continue
        if new is None:
            removed[name] = None
            continue
        rows: set[int] = set()
        matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
            if tag in ("delete", "replace"):
                rows.update(range(i1 + 1, i2 + 1))
        removed[name] = rows
    return removed


ABOUT_THE_PLATFORM = frozenset({"DC601", "DC602", "DC603", "DC605", "DC606"})
"""docs/spec.md (DC607): these rules, about the platform module and what it needs, stay
silent for an integration without one; deleting the module takes their findings along."""


def gone_with_the_code(
    finding: Finding, before: list[tuple[Finding, int]], removed: dict[str, set[int] | None]
) -> bool:
    """Whether every instance of a finding that disappeared started in code the mutation
    deleted or rewrote, or belongs to the platform module the mutation deleted."""
    if finding[0] in ABOUT_THE_PLATFORM and removed.get(APP_FILE, set()) is None:
        return True
    rows = [row for f, row in before if f == finding]
    if finding[2] not in removed:
        return False
    taken = removed[finding[2]]
    return taken is None or all(row in taken for row in rows)


def write(folder: Path, mutation: Mutation) -> None:
    for name, text in mutation.items():
        path = folder / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


@dataclass
class Outcome:
    code: str
    integration: str
    found: bool
    collateral: str
    why: str = ""
    by: str = ""
    """When the defect is reported under another code, as docs/spec.md's "One root cause,
    one finding" says (DC204 for a DC201 whose hook sits inside a class), that code."""


ONE_PER_INTEGRATION = frozenset({"DC601", "DC602", "DC603", "DC607", "DC609"})
"""Rules that report an integration once at most (on its manifest): where the original is
reported already, an injected second defect of the kind cannot show."""

ONE_ROOT_CAUSE: dict[str, tuple[str, ...]] = {
    "DC201": ("DC202", "DC204"),
    "DC301": ("DC302",),
    "DC405": ("DC402",),
}
"""docs/spec.md, "One root cause, one finding": a defect reported under the code that
explains it is found (the report names that code)."""


def run(paths: list[str], rules: list[str], skipped: list[Outcome] | None = None) -> list[Outcome]:
    """The outcome of each injection; ``skipped`` (when given) receives each integration a
    rule's defect cannot be injected into, with the reason (:class:`Skip`)."""
    outcomes: list[Outcome] = []
    skipped = [] if skipped is None else skipped
    with tempfile.TemporaryDirectory(prefix="inject-") as temp_name:
        temp = Path(temp_name)
        for index, folder in enumerate(integration_folders(paths)):
            view = View(folder)
            base = layout(folder, temp, index)
            located = located_findings(base)
            before = collections.Counter(f for f, _row in located)
            for code in rules:
                mutation = INJECTORS[code](view)
                if isinstance(mutation, Skip):
                    skipped.append(Outcome(code, str(folder), False, "", mutation.reason))
                    continue
                if mutation is None:
                    continue
                scratch = Path(tempfile.mkdtemp(dir=temp))
                copy = layout(folder, scratch, 0)
                write(copy, mutation)
                located_after = located_findings(copy)
                after = collections.Counter(f for f, _row in located_after)
                removed = removed_rows(view, mutation)
                went = [k for k in before - after if gone_with_the_code(k, located, removed)]
                gone_keys = [k for k in before - after if k not in went]
                found = code in {k[0] for k in after - before}
                if not found and code in ONE_PER_INTEGRATION and code in {k[0] for k in before}:
                    # The integration has the defect already (legrand_smarther's string
                    # registration: DC607 before any injection); a second cannot be told.
                    skipped.append(
                        Outcome(code, str(folder), False, "", "reported before the injection")
                    )
                    shutil.rmtree(scratch)
                    continue
                # What is no collateral change: a finding of a code that went with the removed
                # code and comes back (a hard-coded secret reported at its next use, a hook's
                # finding naming its new, misspelled name), and one more instance of a finding
                # the integration already had (the injection repeats a value: DC303 gives a
                # field twice, and a bad URL's finding comes twice).
                moved = {k[0] for k in went}
                # And a finding reworded where it stands (same code, file and row: DC607's
                # message names the manifest's domain, which DC609's injection changes).
                rows_before = {(k[0], k[2], row) for k, row in located}
                rows_after = {(k[0], k[2], row) for k, row in located_after}
                reworded = {
                    k
                    for k in set(after) ^ set(before)
                    for row in [r for f, r in located + located_after if f == k]
                    if (k[0], k[2], row) in rows_before & rows_after
                }
                new = {
                    k[0]
                    for k in set(after) - set(before)
                    if k[0] not in moved and k not in reworded
                }
                gone = {k[0] for k in gone_keys if k not in reworded}
                # One root cause, one finding (docs/spec.md): the defect is reported under
                # the code that explains it (a hook left inside a class is DC204).
                instead = sorted({k[0] for k in after - before} & set(ONE_ROOT_CAUSE.get(code, ())))
                if not found and instead:
                    found, by = True, instead[0]
                else:
                    by = ""
                # A rule that reports its one finding anew (DC207: a missing annotation, a
                # warning, becomes a wrong one, an error) is no collateral change.
                collateral = ", ".join(
                    [f"+{k}" for k in sorted(new - {code, by})]
                    + [f"-{k}" for k in sorted(gone - {code})]
                )
                why = "" if found else why_silent(code, copy)
                outcomes.append(Outcome(code, str(folder), found, collateral, why, by))
                shutil.rmtree(scratch)
    return outcomes


def report(outcomes: list[Outcome], skipped: list[Outcome] | None = None) -> str:
    by_code: dict[str, list[Outcome]] = collections.defaultdict(list)
    for outcome in outcomes:
        by_code[outcome.code].append(outcome)
    lines = [f"{'rule':<6} {'applies':>7} {'found':>6} {'recall':>7}"]
    for code in sorted(by_code):
        items = by_code[code]
        found = sum(o.found for o in items)
        lines.append(f"{code:<6} {len(items):>7} {found:>6} {100 * found / len(items):>6.1f}%")
    misses = [o for o in outcomes if not o.found]
    lines.append(f"\nmisses ({len(misses)}):")
    for o in misses:
        lines.append(
            f"  {o.code} {o.integration}: {o.why or 'no sentence of the spec explains it'}"
        )
    instead = [o for o in outcomes if o.by]
    if instead:
        lines.append(f"\nfound under the code of one root cause ({len(instead)}):")
        lines.extend(f"  {o.code} {o.integration}: reported as {o.by}" for o in instead)
    if skipped:
        lines.append(f"\nnot injected ({len(skipped)}):")
        lines.extend(f"  {o.code} {o.integration}: {o.why}" for o in skipped)
    collateral = [o for o in outcomes if o.collateral]
    lines.append(f"\ncollateral changes ({len(collateral)}):")
    for o in collateral:
        lines.append(f"  {o.code} {o.integration}: {o.collateral}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--rule", action="append", default=[], help="only these codes")
    parser.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    args = parser.parse_args()
    rules = [c for c in INJECTORS if c in CATALOGUE and (not args.rule or c in args.rule)]
    skipped: list[Outcome] = []
    outcomes = run(args.paths, rules, skipped)
    if args.json:
        print(json.dumps([o.__dict__ for o in outcomes + skipped], indent=1))
    else:
        print(report(outcomes, skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
