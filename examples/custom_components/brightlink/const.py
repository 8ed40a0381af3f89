"""Constants for the BrightLink lighting integration."""

DOMAIN = "brightlink"

AUTHORIZE_URL = "https://account.brightlink.example/oauth/authorize"
TOKEN_URL = "https://api.brightlink.example/oauth/token"
