"""Config flow for the seed example: a plain OAuth2 flow."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class SeedExampleFlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Handle the OAuth2 sign-in for the seed example."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Logger for the OAuth2 flow helper."""
        return logging.getLogger(__name__)
