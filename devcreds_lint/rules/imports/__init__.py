"""Rules about where contract names come from."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.imports.own_integration_import import OwnIntegrationImport
from devcreds_lint.rules.imports.undefined_contract_name import UndefinedContractName
from devcreds_lint.rules.imports.unknown_contract_import import UnknownContractImport
from devcreds_lint.rules.imports.unknown_homeassistant_module import UnknownHomeassistantModule
from devcreds_lint.rules.imports.wrong_import_source import WrongImportSource

__all__ = [
    "RULES",
    "OwnIntegrationImport",
    "UndefinedContractName",
    "UnknownContractImport",
    "UnknownHomeassistantModule",
    "WrongImportSource",
]

RULES: tuple[type[Rule], ...] = (
    UndefinedContractName,
    WrongImportSource,
    UnknownContractImport,
    OwnIntegrationImport,
    UnknownHomeassistantModule,
)
