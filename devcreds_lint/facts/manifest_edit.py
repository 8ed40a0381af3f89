"""Adding a dependency to ``manifest.json`` as a person would: one small text edit that keeps
the file's indentation, key order, line endings and trailing newline.

``json`` gives values but no positions, so this module scans the top level of the (already
validated) object just far enough to know where its members start and end.
"""

from __future__ import annotations

from dataclasses import dataclass

from devcreds_lint.text import detect_newline

_WS = " \t\r\n"


@dataclass(frozen=True)
class Member:
    key: str
    key_start: int
    value_start: int
    value_end: int


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    """``i`` at an opening quote; returns the offset after the closing quote."""
    i += 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    raise ValueError("unterminated string")


def _value_end(text: str, i: int) -> int:
    if text[i] == '"':
        return _string_end(text, i)
    if text[i] in "[{":
        depth = 0
        while i < len(text):
            char = text[i]
            if char == '"':
                i = _string_end(text, i)
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ValueError("unbalanced brackets")
    while i < len(text) and text[i] not in ",}] \t\r\n":
        i += 1
    return i


def members(text: str) -> tuple[int, int, list[Member]]:
    """(offset of ``{``, offset of ``}``, the top-level members)."""
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "{":
        raise ValueError("not an object")
    open_at = i
    found: list[Member] = []
    i = _skip_ws(text, i + 1)
    while i < len(text) and text[i] != "}":
        key_start = i
        key_end = _string_end(text, i)
        key = text[key_start + 1 : key_end - 1]
        i = _skip_ws(text, key_end)
        i = _skip_ws(text, i + 1)  # the colon
        value_end = _value_end(text, i)
        found.append(Member(key, key_start, i, value_end))
        i = _skip_ws(text, value_end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
    return open_at, i, found


def _indent_before(text: str, offset: int) -> str:
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return text[line_start:offset]


def _elements(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each element of the array ``text[start:end]``."""
    spans = []
    i = _skip_ws(text, start + 1)
    while i < end - 1:
        element_end = _value_end(text, i)
        spans.append((i, element_end))
        i = _skip_ws(text, element_end)
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
    return spans


FIRST_KEYS = ("domain", "name")


def add_dependency(text: str, dependency: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) that adds ``dependency``, or None if the file is unusual."""
    try:
        _open_at, close_at, found = members(text)
    except (ValueError, IndexError):
        return None
    quoted = f'"{dependency}"'
    existing = next((m for m in found if m.key == "dependencies"), None)
    if existing is not None:
        if text[existing.value_start] != "[":
            return None
        spans = _elements(text, existing.value_start, existing.value_end)
        if not spans:
            return existing.value_start, existing.value_end, f"[{quoted}]"
        last_start, last_end = spans[-1]
        between = text[existing.value_start + 1 : spans[0][0]]
        if "\n" in between or "\r" in between:
            newline = detect_newline(text)
            return last_end, last_end, f",{newline}{_indent_before(text, last_start)}{quoted}"
        return last_end, last_end, f", {quoted}"
    member = f'"dependencies": [{quoted}]'
    if not found:
        return close_at, close_at, member
    multiline = (
        "\n" in text[found[0].key_start : found[-1].value_end] or "\n" in text[: found[0].key_start]
    )
    newline = detect_newline(text)
    indent = _indent_before(text, found[0].key_start) if multiline else ""
    separator = f",{newline}{indent}" if multiline else ", "
    for m in found:
        if m.key not in FIRST_KEYS and m.key > "dependencies":
            return m.key_start, m.key_start, member + separator
    last = found[-1]
    return last.value_end, last.value_end, separator + member
