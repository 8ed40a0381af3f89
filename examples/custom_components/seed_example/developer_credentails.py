"""Developer credentials platform, written the way the draft document shows it.

Kept broken on purpose: see examples/README.md for what devcreds-lint reports here.
"""

from homeassistant.core import HomeAssistant
from homeassistant.components.developer_credentials.AuthorizationServer
from homeassistant.components.developer_credentials.DeveloperCredential


async def async_get_authorization_server(
    self, hass: HomeAssistant
) -> AuthorizationServer:
    """Describe the OAuth2 server the example talks to."""
    return AuthorizationServer(
        authorize_url="https://auth.seed.example/authorize",
        token_url="https://auth.seed.example/oauth2/token",
    )


# Optional: only for integrations that used to read a client ID and secret from
# configuration.yaml, so they can hand those over.
async def async_get_developer_credential(
    self, hass: HomeAssistant
) -> DeveloperCredential:
    """Hand over the client ID and secret once given in configuration.yaml."""
