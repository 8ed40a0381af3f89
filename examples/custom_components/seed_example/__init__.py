"""The seed example integration, as the developer credentials draft describes it."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Accept the entry; this example has no devices to set up."""
    return True
