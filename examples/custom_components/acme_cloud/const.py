"""Constants shared by the Acme Cloud integration."""

DOMAIN = "acme_cloud"

OAUTH2_AUTHORIZE = "https://login.acme-cloud.example/oauth2/authorize"
OAUTH2_TOKEN = "https://login.acme-cloud.example/oauth2/token"

DEVELOPER_CONSOLE_URL = "https://developer.acme-cloud.example/apps"
