"""Constants shared by the Acme Cloud integration."""

DOMAIN = "acme_cloud"

OAUTH2_AUTHORIZE = "https://login.acme-cloud-apis.io/oauth2/authorize"
OAUTH2_TOKEN = "https://login.acme-cloud-apis.io/oauth2/token"

DEVELOPER_CONSOLE_URL = "https://developer.acme-cloud-apis.io/apps"
