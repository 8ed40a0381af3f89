"""The Acme Cloud integration: devices linked through an Acme Cloud account."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Open an OAuth2 session for the linked account and keep it for the platforms."""
    implementation = (
        await config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)
    )
    session = config_entry_oauth2_flow.OAuth2Session(hass, entry, implementation)
    await session.async_ensure_token_valid()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = session
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Forget the session of an entry that is being removed or reloaded."""
    hass.data[DOMAIN].pop(entry.entry_id, None)
    return True
