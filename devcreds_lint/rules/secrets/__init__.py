"""Rules about credentials written into the code or into URLs. One module per rule.

Values found here are secrets: messages never contain them, and diagnostics are marked
``redacted`` so that reporters mask the source range too.
"""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.secrets.credentials_in_url import CredentialsInUrl
from devcreds_lint.rules.secrets.hardcoded_client_id import HardcodedClientId
from devcreds_lint.rules.secrets.hardcoded_client_secret import HardcodedClientSecret

RULES: tuple[type[Rule], ...] = (
    HardcodedClientSecret,
    HardcodedClientId,
    CredentialsInUrl,
)
