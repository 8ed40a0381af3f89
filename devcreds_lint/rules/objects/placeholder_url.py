"""DC309: a known URL that is a scaffold value never replaced: a reserved example host or a
template marker."""

from __future__ import annotations

from devcreds_lint.facts.authorize_step import unused_authorize_url
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.url_placeholders import placeholder_problem
from devcreds_lint.facts.urls import describe, known_urls, shown
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class PlaceholderUrl(Rule):
    code = "DC309"
    name = "placeholder-url"
    summary = (
        "A known URL points at a reserved example host (`example.com`, `.net`, `.org`, "
        "`*.example`, `*.invalid`, `*.test`) or holds a template marker (`YOUR_…`, "
        "`<your-…>`, `{…}`, `CHANGEME`, `TODO`, `XXX`)."
    )
    why = (
        "Home Assistant sends the user's browser to `authorize_url` and posts the code to "
        "`token_url` exactly as written. A scaffold value that was never replaced (Home "
        "Assistant's OAuth2 template generates `https://www.example.com/auth/authorize` under "
        "`# TODO Update with your own urls`) sends users to a documentation domain or to a URL "
        "with `YOUR_DOMAIN` or `{tenant}` in it: sign-in fails for everyone, and nothing fails "
        "before a user tries. Markers count only as their own token and in capitals as written "
        "(`api.todoist.com` holds none); braces of an f-string are filled in before the check, "
        "so only braces left in the value count. A value that is not an `http(s)://` URL at "
        'all (`"TODO_AUTHORIZE_URL"`) is DC304 instead. One finding per cause: on a '
        "placeholder URL, DC304 (a port such as `:PORT` cannot parse), DC305 (turning "
        "`http://example.com` into `https://` fixes nothing) and DC306 (two identical "
        "placeholders) stay silent; DC503 still reports credentials in its query, which is a "
        "separate mistake. An `authorize_url` is not reported when the integration's flow "
        "replaces the authorize step (DC304 says when): no user is ever sent there."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                "const.py": '''"""Constants for Example."""

DOMAIN = "example"
API_BASE = "https://todo.acme-api.io"
''',
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import API_BASE

# "todo" in lower case is part of a host name, not a marker.
AUTHORIZE_URL = f"{API_BASE}/oauth2/authorize"


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url=AUTHORIZE_URL,
        token_url=API_BASE + "/oauth2/token",
    )
''',
            },
            title="URLs built from constants",
        ),
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

# TODO Update with your own urls
OAUTH2_AUTHORIZE = "https://www.example.com/auth/authorize"
OAUTH2_TOKEN = "https://www.example.com/auth/token"


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url=OAUTH2_AUTHORIZE,
        token_url=OAUTH2_TOKEN,
    )
'''
            },
            at="14:23-14:39",
            count=2,
            title="the scaffold's example.com URLs",
        ),
        Example(
            files={
                "const.py": '''"""Constants for Example."""

DOMAIN = "example"
TENANT_URL = "https://login.acme-api.io/{tenant}"
''',
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import TENANT_URL


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url=TENANT_URL + "/authorize",
        token_url="https://YOUR_DOMAIN:PORT/token",
    )
''',
            },
            at="12:23-12:48",
            count=2,
            title="a template marker",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for url in known_urls(ctx):
            problem = placeholder_problem(url.text)
            if problem and not unused_authorize_url(ctx, url.call.spec.endpoints, url.field):
                self.report(
                    url.module,
                    url.node,
                    f"`{url.field}` {shown(url.text)!r}{describe(url.value)} {problem}: "
                    "users would be sent there; put in the service's real URL",
                )
