"""What a check needs from the configuration, and the defaults, each in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
"""Files over this size are not read (DC900); ``max-file-size`` in the configuration."""


@dataclass(frozen=True)
class Settings:
    """What a check needs from the configuration (resolved by the workspace)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    # Rule options, e.g. {"DC305": {"allowed-http-hosts": ["my.lan"]}}.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def option(self, code: str, key: str, default: Any) -> Any:
        return self.rule_options.get(code, {}).get(key, default)
