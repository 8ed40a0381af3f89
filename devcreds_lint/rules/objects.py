"""Rules about the contract objects: ``AuthorizationServer(...)``, ``ClientCredential(...)``,
``DeveloperCredential(...)``: their fields, and the URLs they carry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar
from urllib.parse import urlsplit

from devcreds_lint.facts.edits import replace_node
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import unknown_keywords
from devcreds_lint.facts.urls import (
    contract_calls,
    describe,
    is_loopback,
    known_urls,
    shown,
    url_problem,
)
from devcreds_lint.facts.values import ValueKind
from devcreds_lint.model import (
    Applicability,
    FixAvailability,
    Location,
    Severity,
    safe_fix,
    unsafe_fix,
)
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER, server


class MissingRequiredField(Rule):
    code = "DC301"
    name = "missing-required-field"
    summary = "A contract object is built without one of its required fields."
    why = (
        "`AuthorizationServer`, `ClientCredential` and `DeveloperCredential` are dataclasses: "
        "leaving out `token_url` (or `client_secret`, ...) raises `TypeError` when the hook "
        "runs, which is when a user tries to add credentials."
    )
    VALID = (GOOD_SERVER, server('"https://example.com/a", "https://example.com/t"'))
    INVALID = (
        Example(files={APP: server('authorize_url="https://example.com/authorize"')}, line=9),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            if call.starred:
                continue
            given = {name for name, _ in call.field_args()}
            explained = {v for v in unknown_keywords(call).values() if v}
            for field_spec in call.spec.fields:
                if field_spec.required and field_spec.name not in given | explained:
                    self.report(
                        pctx,
                        call.call,
                        f"`{call.spec.name}` is missing the required field `{field_spec.name}`",
                    )


class UnknownField(Rule):
    code = "DC302"
    fix = FixAvailability.ALWAYS
    name = "unknown-field"
    summary = "A keyword argument is no field of the contract object."
    why = (
        "The objects are dataclasses with fixed fields; `authorization_url=` or `token_uri=` "
        "raises `TypeError: unexpected keyword argument` at runtime."
    )
    fix_safety = "Safe when the keyword is a near miss of exactly one missing field: it is renamed."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: server(
                    'authorize_url="https://example.com/authorize", token_uri="https://example.com/token"'
                )
            },
            fixed={
                APP: server(
                    'authorize_url="https://example.com/authorize", token_url="https://example.com/token"'
                )
            },
            line=9,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            suggestions = unknown_keywords(call)
            for arg in call.keywords:
                assert arg.keyword is not None
                keyword = arg.keyword.value
                if keyword not in suggestions:
                    continue
                target = suggestions[keyword]
                fields = ", ".join(f"`{f.name}`" for f in call.spec.fields)
                if target:
                    message = (
                        f"`{keyword}` is no field of `{call.spec.name}`; did you mean `{target}`?"
                    )
                    fix = safe_fix(
                        f"Rename `{keyword}` to `{target}`",
                        replace_node(pctx, arg.keyword, target),
                    )
                else:
                    message = f"`{keyword}` is no field of `{call.spec.name}` (fields: {fields})"
                    fix = None
                self.report(pctx, arg.keyword, message, fix=fix)


class ExtraArgument(Rule):
    code = "DC303"
    name = "extra-argument"
    summary = "More positional arguments than fields, or a field given twice."
    why = "Both raise `TypeError` when the object is built."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: server(
                    '"https://example.com/a", "https://example.com/t", "https://example.com/x"'
                )
            },
            line=9,
            title="too many positional arguments",
        ),
        Example(
            files={
                APP: server(
                    '"https://example.com/a", authorize_url="https://example.com/b", token_url="https://example.com/t"'
                )
            },
            line=9,
            title="a field given twice",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            fields = call.spec.fields
            for arg in call.positional[len(fields) :]:
                self.report(
                    pctx,
                    arg,
                    f"`{call.spec.name}` takes at most {len(fields)} positional arguments",
                )
            positional = {f.name for f, _ in zip(fields, call.positional, strict=False)}
            seen: set[str] = set(positional)
            for arg in call.keywords:
                assert arg.keyword is not None
                keyword = arg.keyword.value
                if call.spec.field(keyword) is None:
                    continue
                if keyword in seen:
                    self.report(
                        pctx,
                        arg,
                        f"field `{keyword}` of `{call.spec.name}` is given twice",
                    )
                seen.add(keyword)


class InvalidUrl(Rule):
    code = "DC304"
    name = "invalid-url"
    summary = (
        "A known URL is not an absolute http(s) URL with a host, or has spaces or a #fragment."
    )
    why = (
        "Home Assistant redirects the user to `authorize_url` and posts to `token_url`. A "
        "relative URL, a missing scheme or host, white space or a fragment breaks the OAuth2 "
        "flow (RFC 6749 §3.1 forbids fragments in these endpoints). An empty string is a "
        "warning: it is usually a placeholder someone forgot."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: server(
                    'authorize_url="example.com/authorize", token_url="https://example.com/token"'
                )
            },
            line=9,
        ),
        Example(
            files={
                APP: server(
                    'authorize_url="https://example.com/auth#x", token_url="https://example.com/token"'
                )
            },
            title="a fragment",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for url in known_urls(ctx):
            pctx, field_name, value, node = url.module, url.field, url.value, url.node
            assert value.value is not None
            if value.value == "":
                self._report(
                    ctx, pctx, node, f"`{field_name}` is empty{describe(value)}", Severity.WARNING
                )
                continue
            problem = url_problem(value.value)
            if problem:
                self._report(
                    ctx,
                    pctx,
                    node,
                    f"`{field_name}` {shown(value.value)!r}{describe(value)} {problem}",
                    None,
                )

    def _report(
        self,
        ctx: IntegrationFacts,
        pctx: ModuleFacts,
        node: object,
        message: str,
        severity: Severity | None,
    ) -> None:
        import libcst as cst

        assert isinstance(node, cst.CSTNode)
        self.report(pctx, node, message, severity=severity)


class InsecureUrl(Rule):
    code = "DC305"
    fix = FixAvailability.ALWAYS
    fix_applicability = Applicability.UNSAFE
    name = "insecure-url"
    summary = "An `http://` URL to a host other than localhost."
    why = (
        "Authorization codes and tokens travel over these URLs. Plain HTTP to a remote host "
        "exposes them to anyone on the path."
    )
    fix_safety = (
        "Unsafe: `http://` becomes `https://` in the literal, which is only right if the "
        "server speaks HTTPS on the default port. Apply with `--unsafe-fixes`."
    )
    options: ClassVar[Mapping[str, str]] = {
        "allowed-http-hosts": "extra hosts for which http:// is accepted (e.g. a LAN device)"
    }
    VALID = (GOOD_SERVER, server('"http://localhost:8080/a", "http://127.0.0.1/t"'))
    INVALID = (
        Example(
            files={
                APP: server(
                    'authorize_url="http://example.com/a", token_url="https://example.com/t"'
                )
            },
            fixed={
                APP: server(
                    'authorize_url="https://example.com/a", token_url="https://example.com/t"'
                )
            },
            unsafe=True,
            line=9,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        allowed = {h.lower() for h in ctx.settings.option(self.code, "allowed-http-hosts", [])}
        for url in known_urls(ctx):
            pctx, field_name, value, node = url.module, url.field, url.value, url.node
            assert value.value is not None
            if url_problem(value.value) or not value.value.lower().startswith("http://"):
                continue
            host = urlsplit(value.value).hostname or ""
            if is_loopback(host) or host.lower() in allowed:
                continue
            fix = None
            literal = value.literal
            if literal is not None:
                quote = literal.prefix + literal.quote
                new = literal.value.replace(quote + "http://", quote + "https://", 1)
                if new == literal.value:  # e.g. HTTP:// in capitals
                    new = quote + "https://" + literal.value[len(quote) + len("http://") :]
                fix = unsafe_fix("Use `https://`", replace_node(pctx, literal, new))
            import libcst as cst

            assert isinstance(node, cst.CSTNode)
            self.report(
                pctx,
                node,
                f"`{field_name}` uses plain http:// to {host}{describe(value)}; use https://",
                fix=fix,
            )


class IdenticalUrls(Rule):
    code = "DC306"
    name = "identical-urls"
    severity = Severity.WARNING
    summary = "`authorize_url` and `token_url` are the same URL."
    why = (
        "The authorize endpoint is a page for the user's browser; the token endpoint is an API "
        "for Home Assistant. They are almost never the same URL: one of them is a copy-paste slip."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: server(
                    'authorize_url="https://example.com/oauth", token_url="https://example.com/oauth"'
                )
            },
            line=9,
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            if call.spec.field("authorize_url") is None:
                continue
            values = {}
            for name in ("authorize_url", "token_url"):
                arg = call.value_of(name)
                known = pctx.value(arg.value) if arg else None
                if known is None or known.kind is not ValueKind.STR or not known.value:
                    break
                values[name] = known.value
            else:
                if values["authorize_url"] == values["token_url"]:
                    self.report(
                        pctx,
                        call.call,
                        f"`authorize_url` and `token_url` are both {shown(values['token_url'])!r}",
                    )


class WrongFieldType(Rule):
    code = "DC307"
    name = "wrong-field-type"
    summary = "A literal that is not a string is given for a `str` field."
    why = (
        "A number, `None`, bytes or a container where the contract wants a `str` breaks URL "
        "handling and token requests at runtime, far from the line that caused it."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={APP: server('authorize_url=None, token_url="https://example.com/t"')}, line=9
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for pctx, call in contract_calls(ctx):
            for field_name, arg in call.field_args():
                spec = call.spec.field(field_name)
                assert spec is not None
                value = pctx.value(arg.value)
                if value is None or value.kind is ValueKind.STR:
                    continue
                if spec.nullable and value.type_name == "None":
                    continue
                self.report(
                    pctx,
                    arg.value,
                    f"`{field_name}` of `{call.spec.name}` must be a `str`, not `{value.type_name}`",
                )


_ = Location  # re-exported for rule modules that build ranges by hand


RULES: tuple[type[Rule], ...] = (
    MissingRequiredField,
    UnknownField,
    ExtraArgument,
    InvalidUrl,
    InsecureUrl,
    IdenticalUrls,
    WrongFieldType,
)
