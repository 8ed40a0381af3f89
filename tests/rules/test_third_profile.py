"""The contracts are data: a third profile is a new table, and every rule serves it."""

from __future__ import annotations

from pathlib import Path

from devcreds_lint.contracts import (
    PROFILES,
    FieldRole,
    FieldSpec,
    HookSpec,
    ObjectSpec,
    Profile,
    TypeSpec,
)
from devcreds_lint.discovery import discover
from devcreds_lint.engine import CheckOptions, check_integration
from devcreds_lint.model import Diagnostic
from tests.helpers import write_tree

CLOUD = Profile(
    name="cloud_credentials",
    platform_file="cloud_credentials.py",
    component="homeassistant.components.cloud_credentials",
    hooks=(
        HookSpec(
            "async_get_cloud_endpoint",
            (TypeSpec(names=("HomeAssistant",)),),
            TypeSpec(names=("CloudEndpoint",)),
            required=True,
        ),
    ),
    required_hooks=("async_get_cloud_endpoint",),
    objects=(ObjectSpec("CloudEndpoint", (FieldSpec("base_url", FieldRole.URL),)),),
    names=(
        ("HomeAssistant", "homeassistant.core"),
        ("CloudEndpoint", "homeassistant.components.cloud_credentials"),
    ),
    manifest_dependency="cloud_credentials",
)

MODULE = '''"""A platform of an imagined third contract."""

from homeassistant.components.cloud_credentials.models import CloudEndpoint
from homeassistant.core import HomeAssistant


def async_get_cloud_endpont(self, hass: HomeAssistant) -> CloudEndpoint:
    """Return the endpoint."""
    return CloudEndpoint(base_url="http://cloud.acme-api.io", token="x")
'''


def test_rules_walk_a_new_profile(tmp_path: Path) -> None:
    folder = tmp_path / "custom_components" / "cloudy"
    write_tree(
        folder,
        {
            "cloud_credential.py": MODULE,
            "manifest.json": '{"domain": "cloudy", "config_flow": true, "dependencies": []}',
            "config_flow.py": (
                'class F(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain="cloudy"):\n'
                "    pass\n"
            ),
        },
    )
    profiles = (*PROFILES, CLOUD)
    integration = discover([str(tmp_path)], profiles).integrations[0]
    found: list[Diagnostic] = check_integration(integration, CheckOptions(profiles=profiles))
    assert sorted({d.code for d in found}) == [
        "DC101",  # cloud_credential.py -> cloud_credentials.py
        "DC202",  # async_get_cloud_endpont -> async_get_cloud_endpoint
        "DC203",  # def, not async def
        "DC205",  # a stray self
        "DC302",  # token= is no field of CloudEndpoint
        "DC305",  # http:// to a remote host
        "DC402",  # CloudEndpoint imported from a sub-module, not the component
        # (an import from another profile's component would make that one DC101's target)
        "DC601",  # manifest lacks "cloud_credentials"
    ]
