"""OAuth2 config flow for BrightLink."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


class BrightLinkOAuth2FlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Link a BrightLink account by signing in on the BrightLink site."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Where the flow helper logs."""
        return _LOGGER

    @property
    def extra_authorize_data(self) -> dict[str, str]:
        """Ask BrightLink for permission to read and switch lights."""
        return {"scope": "lights.read lights.write"}
