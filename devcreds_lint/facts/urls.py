"""URLs the contract objects and the OAuth2 implementation classes are built with, when their
values are known, and what is wrong with a URL string (shared by the URL rules DC304-DC306,
DC309 and DC503)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import libcst as cst

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.implementations import ImplementationCall
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import ObjectCall, object_calls
from devcreds_lint.facts.values import KnownValue, ValueKind


def contract_calls(ctx: IntegrationFacts) -> Iterator[tuple[ModuleFacts, ObjectCall]]:
    """Every call building a contract object in the parsed platform modules."""
    for module in ctx.parsed_platforms:
        for call in object_calls(module.index, module.profile, ctx.profiles):
            yield module, call


@dataclass(frozen=True)
class KnownUrl:
    """A URL field of a contract object, or a URL argument of an implementation class
    (``authorize_url``/``token_url`` of ``LocalOAuth2Implementation(...)``), whose string
    value is known. ``call.call`` is the call, ``call.spec.name`` what it builds."""

    module: ModuleFacts
    call: ObjectCall | ImplementationCall
    field: str
    value: KnownValue
    node: cst.BaseExpression

    @property
    def text(self) -> str:
        assert self.value.value is not None
        return self.value.value


def known_urls(ctx: IntegrationFacts) -> Iterator[KnownUrl]:
    """Every URL field of a contract object (in the platform modules) and every URL argument
    of an implementation class (in every module DC308 reads) whose value is a known string."""
    for module, call in contract_calls(ctx):
        for field_name, arg in call.field_args():
            spec = call.spec.field(field_name)
            if spec is None or spec.role is not FieldRole.URL:
                continue
            value = module.value(arg.value)
            if value is not None and value.kind is ValueKind.STR and value.value is not None:
                yield KnownUrl(module, call, field_name, value, arg.value)
    for module in ctx.code_modules:
        for implementation in module.implementation_calls:
            for param, arg in implementation.bound():
                if param.role is not FieldRole.URL:
                    continue
                value = module.value(arg.value)
                if value is not None and value.kind is ValueKind.STR and value.value is not None:
                    yield KnownUrl(module, implementation, param.name, value, arg.value)


@dataclass(frozen=True)
class EndpointPair:
    """The (authorize, token) URL arguments of one call, by the names the contract or the
    implementation class's signature gives them (an argument not given is None)."""

    module: ModuleFacts
    call: cst.Call
    names: tuple[str, str]
    args: tuple[cst.Arg | None, cst.Arg | None]


def endpoint_pairs(ctx: IntegrationFacts) -> Iterator[EndpointPair]:
    """Every contract object (in the platform modules) and implementation class call (in
    every module DC308 reads) that takes an (authorize, token) URL pair."""
    for module, call in contract_calls(ctx):
        endpoints = call.spec.endpoints
        if endpoints is not None:
            args = (call.value_of(endpoints[0]), call.value_of(endpoints[1]))
            yield EndpointPair(module, call.call, endpoints, args)
    for module in ctx.code_modules:
        for implementation in module.implementation_calls:
            endpoints = implementation.spec.endpoints
            if endpoints is None:
                continue
            bound = {param.name: arg for param, arg in implementation.bound()}
            args = (bound.get(endpoints[0]), bound.get(endpoints[1]))
            yield EndpointPair(module, implementation.call, endpoints, args)


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
