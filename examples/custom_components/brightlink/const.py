"""Constants for the BrightLink lighting integration."""

DOMAIN = "brightlink"

AUTHORIZE_URL = "https://account.brightlink-apis.io/oauth/authorize"
TOKEN_URL = "https://api.brightlink-apis.io/oauth/token"
