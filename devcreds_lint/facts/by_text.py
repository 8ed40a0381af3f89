"""Facts that are pure functions of a file's text, remembered for the last few texts.

The speed trick of the language server's re-checks (benchmark row ``server edit ->
diagnostics``): every keystroke re-checks the whole integration, whose other modules
(``config_flow.py``, ``const.py``, ``__init__.py``) are read again but have not changed;
their facts come from here instead of Python's parser (about a fifth of an edit's check on the
ha-like tree). A text is found again by equality, so a file that changed is parsed afresh. A
command-line run sees each text once and gains nothing but loses nothing either: eight
entries per function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

ENTRIES = 8


def by_text(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` (text -> an immutable fact) remembered for the last :data:`ENTRIES` texts."""
    return functools.lru_cache(maxsize=ENTRIES)(function)
