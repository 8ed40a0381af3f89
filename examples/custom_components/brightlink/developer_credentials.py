"""Developer credentials platform for BrightLink: users register their own OAuth2 app."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant

from .const import AUTHORIZE_URL, TOKEN_URL


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Point Home Assistant at BrightLink's sign-in page and token endpoint."""
    return AuthorizationServer(authorize_url=AUTHORIZE_URL, token_url=TOKEN_URL)
