"""Rules about the contract objects: ``AuthorizationServer(...)``, ``ClientCredential(...)``,
``DeveloperCredential(...)``: their fields, and the URLs they carry. One module per rule."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.objects.bad_implementation_call import BadImplementationCall
from devcreds_lint.rules.objects.extra_argument import ExtraArgument
from devcreds_lint.rules.objects.identical_urls import IdenticalUrls
from devcreds_lint.rules.objects.insecure_url import InsecureUrl
from devcreds_lint.rules.objects.invalid_url import InvalidUrl
from devcreds_lint.rules.objects.missing_required_field import MissingRequiredField
from devcreds_lint.rules.objects.placeholder_url import PlaceholderUrl
from devcreds_lint.rules.objects.unknown_field import UnknownField
from devcreds_lint.rules.objects.wrong_field_type import WrongFieldType

RULES: tuple[type[Rule], ...] = (
    MissingRequiredField,
    UnknownField,
    ExtraArgument,
    InvalidUrl,
    InsecureUrl,
    IdenticalUrls,
    PlaceholderUrl,
    WrongFieldType,
    BadImplementationCall,
)
