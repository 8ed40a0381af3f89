"""Rules about the rest of the integration: manifest, config flow, strings, YAML import. One
module per rule."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.integration.invalid_manifest import InvalidManifest
from devcreds_lint.rules.integration.manifest_domain_mismatch import ManifestDomainMismatch
from devcreds_lint.rules.integration.missing_config_flow import MissingConfigFlow
from devcreds_lint.rules.integration.missing_manifest_dependency import (
    MissingManifestDependency,
)
from devcreds_lint.rules.integration.missing_oauth2_flow_handler import (
    MissingOAuth2FlowHandler,
)
from devcreds_lint.rules.integration.missing_platform_module import MissingPlatformModule
from devcreds_lint.rules.integration.placeholder_mismatch import PlaceholderMismatch
from devcreds_lint.rules.integration.unregistered_flow_handler import UnregisteredFlowHandler
from devcreds_lint.rules.integration.yaml_credentials_without_hook import (
    YamlCredentialsWithoutHook,
)

RULES: tuple[type[Rule], ...] = (
    MissingManifestDependency,
    MissingConfigFlow,
    MissingOAuth2FlowHandler,
    InvalidManifest,
    PlaceholderMismatch,
    YamlCredentialsWithoutHook,
    MissingPlatformModule,
    UnregisteredFlowHandler,
    ManifestDomainMismatch,
)
