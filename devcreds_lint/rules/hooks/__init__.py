"""Rules about the platform hooks: presence, names, async, place, signature, annotations."""

from __future__ import annotations

from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.hooks.bad_argument_annotation import BadArgumentAnnotation
from devcreds_lint.rules.hooks.bad_hook_signature import BadHookSignature
from devcreds_lint.rules.hooks.bad_return_annotation import BadReturnAnnotation
from devcreds_lint.rules.hooks.hook_not_module_level import HookNotModuleLevel
from devcreds_lint.rules.hooks.hook_returns_coroutine import HookReturnsCoroutine
from devcreds_lint.rules.hooks.hook_returns_nothing import HookReturnsNothing
from devcreds_lint.rules.hooks.missing_platform_hook import MissingPlatformHook
from devcreds_lint.rules.hooks.misspelled_platform_hook import MisspelledPlatformHook
from devcreds_lint.rules.hooks.sync_platform_hook import SyncPlatformHook
from devcreds_lint.rules.hooks.unknown_platform_hook import UnknownPlatformHook

__all__ = [
    "RULES",
    "BadArgumentAnnotation",
    "BadHookSignature",
    "BadReturnAnnotation",
    "HookNotModuleLevel",
    "HookReturnsCoroutine",
    "HookReturnsNothing",
    "MissingPlatformHook",
    "MisspelledPlatformHook",
    "SyncPlatformHook",
    "UnknownPlatformHook",
]

RULES: tuple[type[Rule], ...] = (
    MissingPlatformHook,
    MisspelledPlatformHook,
    SyncPlatformHook,
    HookNotModuleLevel,
    BadHookSignature,
    BadArgumentAnnotation,
    BadReturnAnnotation,
    HookReturnsNothing,
    UnknownPlatformHook,
    HookReturnsCoroutine,
)
