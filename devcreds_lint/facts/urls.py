"""URLs the contract objects are built with, when their values are known, and what is wrong
with a URL string (shared by the URL rules DC304-DC306 and DC503)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import libcst as cst

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import ObjectCall, object_calls
from devcreds_lint.facts.values import KnownValue, ValueKind


def contract_calls(ctx: IntegrationFacts) -> Iterator[tuple[ModuleFacts, ObjectCall]]:
    """Every call building a contract object in the parsed platform modules."""
    for pctx in ctx.parsed_platforms:
        for call in object_calls(pctx.index, pctx.profile, ctx.profiles):
            yield pctx, call


@dataclass(frozen=True)
class KnownUrl:
    """A URL field of a contract object whose string value is known."""

    module: ModuleFacts
    call: ObjectCall
    field: str
    value: KnownValue
    node: cst.BaseExpression

    @property
    def text(self) -> str:
        assert self.value.value is not None
        return self.value.value


def known_urls(ctx: IntegrationFacts) -> Iterator[KnownUrl]:
    """Every URL field of a contract object whose value is a known string."""
    for pctx, call in contract_calls(ctx):
        for field_name, arg in call.field_args():
            spec = call.spec.field(field_name)
            if spec is None or spec.role is not FieldRole.URL:
                continue
            value = pctx.value(arg.value)
            if value is not None and value.kind is ValueKind.STR and value.value is not None:
                yield KnownUrl(pctx, call, field_name, value, arg.value)


def shown(url: str) -> str:
    """A URL fit for a message: user info and query values never appear."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = "&".join(f"{kv.split('=', 1)[0]}=..." for kv in parts.query.split("&") if kv)
    return parts._replace(netloc=netloc, query=query).geturl()


def describe(value: KnownValue) -> str:
    return f" (from `{value.via}`)" if value.via else ""


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable absolute http(s) URL, or None."""
    if any(ch.isspace() for ch in url):
        return "contains white space"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    if parts.scheme not in {"http", "https"}:
        return "is not an absolute http:// or https:// URL"
    if not parts.hostname:
        return "has no host"
    if parts.fragment or url.endswith("#"):
        return "has a #fragment, which OAuth2 forbids in these endpoints"
    return None


LOCAL_HOSTS = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
