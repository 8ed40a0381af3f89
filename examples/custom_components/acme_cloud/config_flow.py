"""Config flow that links an Acme Cloud account through OAuth2."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class AcmeCloudFlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Send the user to Acme Cloud to grant access, then create the entry."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Logger the OAuth2 flow helper writes to."""
        return logging.getLogger(__name__)
