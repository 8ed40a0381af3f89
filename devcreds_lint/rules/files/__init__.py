"""Rules about the platform file itself: its name, whether it can be read and parsed."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.files.leftover_platform_file import LeftoverPlatformFile
from devcreds_lint.rules.files.malformed_import import MalformedImport
from devcreds_lint.rules.files.misspelled_platform_file import MisspelledPlatformFile
from devcreds_lint.rules.files.syntax_error import SyntaxError_
from devcreds_lint.rules.files.unreadable_file import UnreadableFile

__all__ = [
    "RULES",
    "LeftoverPlatformFile",
    "MalformedImport",
    "MisspelledPlatformFile",
    "SyntaxError_",
    "UnreadableFile",
]

RULES: tuple[type[Rule], ...] = (
    SyntaxError_,
    MisspelledPlatformFile,
    MalformedImport,
    LeftoverPlatformFile,
    UnreadableFile,
)
