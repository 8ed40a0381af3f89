"""DC304: a known URL that is not an absolute http(s) URL with a host."""

from __future__ import annotations

from devcreds_lint.facts.authorize_step import unused_authorize_url
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.url_placeholders import placeholder_problem
from devcreds_lint.facts.urls import describe, known_urls, shown, url_problem
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import (
    APP,
    GOOD_SERVER,
    OWN_AUTH_STEP,
    SUPER_AUTH_STEP,
    flow_with_auth_step,
    server,
)


class InvalidUrl(Rule):
    code = "DC304"
    name = "invalid-url"
    summary = (
        "A known URL is not an absolute http(s) URL with a host, or has spaces or a #fragment."
    )
    why = (
        "Home Assistant redirects the user to `authorize_url` and posts to `token_url`. A "
        "relative URL, a missing scheme or host, white space or a fragment breaks the OAuth2 "
        "flow (RFC 6749 §3.1 forbids fragments in these endpoints). An empty string is not "
        'reported: it is a deliberate "unused" value (an integration whose config flow '
        "replaces the authorize step, or sets the URL itself). Nor is any `authorize_url` of "
        "an integration whose OAuth2 flow handler overrides `async_step_auth` and never builds "
        "the authorize URL (no `super().async_step_auth(...)` or other object's "
        "`async_step_auth`, no `async_generate_authorize_url`, `generate_authorize_url` or "
        "`.authorize_url` in `config_flow.py` or any other own module), where that override "
        "comes before Home Assistant's handler in the method resolution order: Home Assistant "
        "reads that URL only in its own `async_step_auth`, so the value is never used (a "
        "service that issues tokens for the client credentials may write "
        '`authorize_url="None"`). Where that cannot be seen (no config flow or one that does '
        "not parse, no certain OAuth2 handler, a handler base that cannot be followed, the "
        "flow or its implementation bound to a name or handed to anything but the flow's own "
        "methods and a few builtins, an own module that cannot be read) the URL counts as "
        "used and is reported, as most flows use it. `token_url` is always checked. An `http(s)://` URL "
        "that still holds a scaffold placeholder (`https://YOUR_DOMAIN:PORT/token`) is "
        "DC309's, even when the placeholder also makes it malformed: one cause, one finding."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                APP: server('authorize_url="None", token_url="https://acme-api.io/token"'),
                "config_flow.py": flow_with_auth_step(OWN_AUTH_STEP),
            },
            title="a flow that replaces the authorize step",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: server(
                    'authorize_url="acme-api.io/authorize", token_url="https://acme-api.io/token"'
                )
            },
            at="9:46-9:69",
        ),
        Example(
            files={
                APP: server(
                    'authorize_url="https://acme-api.io/auth#x", token_url="https://acme-api.io/token"'
                )
            },
            at="9:46-9:74",
            title="a fragment",
        ),
        Example(
            files={
                APP: server('authorize_url="None", token_url="https://acme-api.io/token"'),
                "config_flow.py": flow_with_auth_step(SUPER_AUTH_STEP),
            },
            at="9:46-9:52",
            title="an authorize step that goes on to Home Assistant's",
        ),
        Example(
            files={
                APP: server('authorize_url="None", token_url="acme-api.io/token"'),
                "config_flow.py": flow_with_auth_step(OWN_AUTH_STEP),
            },
            at="9:64-9:83",
            title="the token URL of a flow that replaces the authorize step",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for url in known_urls(ctx):
            if url.text == "" or placeholder_problem(url.text):
                continue  # a deliberate "unused" value; a scaffold value is DC309's
            problem = url_problem(url.text)
            if problem and not unused_authorize_url(ctx, url.call.spec.endpoints, url.field):
                self.report(
                    url.module,
                    url.node,
                    f"`{url.field}` {shown(url.text)!r}{describe(url.value)} {problem}",
                )
