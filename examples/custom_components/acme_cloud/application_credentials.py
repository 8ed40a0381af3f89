"""Let users bring their own Acme Cloud OAuth2 app (application credentials platform)."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import DEVELOPER_CONSOLE_URL, OAUTH2_AUTHORIZE, OAUTH2_TOKEN


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Tell Home Assistant where Acme Cloud signs users in and hands out tokens."""
    return AuthorizationServer(
        authorize_url=OAUTH2_AUTHORIZE,
        token_url=OAUTH2_TOKEN,
    )


async def async_get_description_placeholders(hass: HomeAssistant) -> dict[str, str]:
    """Fill in the links shown on the 'add application credentials' form."""
    return {
        "console_url": DEVELOPER_CONSOLE_URL,
        "docs_url": "https://github.com/acme-devs/ha-acme-cloud#credentials",
    }
