"""Scaffold values left in a URL: a reserved example host or a template marker (DC309).

Shared by DC309, which reports them, and by DC304/DC305/DC306, which stay silent on such a
URL: the placeholder is the one root cause, and fixing anything else in it is wasted work.
"""

from __future__ import annotations

import re

# RFC 2606 / RFC 6761: second-level domains reserved for documentation, and reserved TLDs.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "invalid", "test")

# Template markers, case-sensitive, each its own token (no letter or digit right before or
# after it; `_` separates). `api.todoist.com` holds no marker; `TODO_HOST` does.
_MARKER = re.compile(
    r"""
      (?<![A-Za-z0-9])YOUR_[A-Za-z0-9_]*      # YOUR_DOMAIN, YOUR_TENANT_ID
    | <your[-_][^<>]*>                       # <your-tenant>
    | \{[^{}]*\}                             # {tenant}: a template never filled in
    | (?<![A-Za-z0-9])(?:CHANGEME|TODO|XXX+)(?![A-Za-z0-9])
    """,
    re.VERBOSE,
)
_URL_START = re.compile(r"(?i)https?://")


def url_host(url: str) -> str:
    """The host of an ``http(s)://`` URL, lower-cased, read by hand so that a malformed port
    or bracket does not hide it ("" when there is none)."""
    rest = url.split("://", 1)[-1]
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = netloc.rsplit("@", 1)[-1]
    if host.startswith("["):
        return host[1:].split("]", 1)[0].lower()
    return host.split(":", 1)[0].rstrip(".").lower()


def is_reserved_host(host: str) -> bool:
    return host.rsplit(".", 1)[-1] in RESERVED_TLDS or any(
        host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS
    )


def placeholder_problem(url: str) -> str | None:
    """Why ``url`` is a scaffold value never replaced, or None.

    Only for a value written as an ``http://``/``https://`` URL: a value that is no URL at all
    (``"TODO_AUTHORIZE_URL"``) is DC304's, even when it holds a marker."""
    if not _URL_START.match(url):
        return None
    host = url_host(url)
    if host and is_reserved_host(host):
        return f"points at `{host}`, a reserved example host that no OAuth2 server answers on"
    marker = _MARKER.search(url)
    if marker:
        return f"holds the template marker `{marker.group()}`, never replaced by a real value"
    return None
