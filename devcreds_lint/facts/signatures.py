"""Edits to a function's signature: removing a parameter (DC205), adding a missing parameter
or return annotation with the import it needs (DC206, DC207)."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.contracts import TypeSpec
from devcreds_lint.facts.edits import insert_at, type_reference
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.model import Edit, Location


def param_removal(module: ModuleFacts, param: cst.Param) -> Edit:
    """Deleting ``param`` as written (its comma and the whitespace after it too)."""
    assert module.module is not None
    start = module.start(param.name)
    length = len(module.module.code_for_node(param))
    return Edit(start, module.location(module.offset(start) + length), "")


def annotation_edits(
    module: ModuleFacts, tspec: TypeSpec, where: Location, separator: str
) -> tuple[str, list[Edit]]:
    """(the annotation as written, edits inserting ``separator + annotation`` at ``where``
    and the import it needs) for a missing annotation (DC206, DC207)."""
    name = tspec.import_name
    home = module.profile.home_of(name) if name else None
    text, import_edit = type_reference(module, tspec.render(), home)
    edits = [insert_at(where, f"{separator}{text}")]
    if import_edit is not None:
        edits.append(import_edit)
    return text, edits


def after_params(module: ModuleFacts, node: cst.FunctionDef) -> Location | None:
    """The location right after the closing parenthesis of ``node``'s parameters."""
    text = module.text or ""
    offset = module.offset(module.end(node.name))
    depth = 0
    i = offset
    while i < len(text):
        char = text[i]
        if char == "#":
            while i < len(text) and text[i] not in "\r\n":
                i += 1
            continue
        if char in "\"'":
            return None  # a string default in the signature: do not guess
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return module.location(i + 1)
        elif char == ":" and depth == 0:
            return None
        i += 1
    return None
