"""Python's parser reads every text before libcst may see it.

libcst's native parser is recursive: a few thousand levels of nesting overflow the C stack
(the process dies of SIGSEGV; there is no exception to catch), and long operator chains take
quadratic time. Python's own parser has firm limits and reports going past them as a
``SyntaxError``, so :func:`screen` compiles the text to an AST first (nothing is executed)
and says whether libcst may parse it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import libcst as cst

# Limits on what reaches libcst. Its parser is recursive native code: a few thousand levels
# of nesting overflow the C stack (the process dies of SIGSEGV; there is no exception to
# catch), long operator chains take quadratic time, and rules walk the tree recursively.
# Python's own parser has firm limits (200 nested brackets, 100 indentation levels) and
# reports going past them as a SyntaxError, so it reads every text first (it only parses;
# nothing is executed).
MAX_AST_DEPTH = 100  # syntax-tree levels as Python's parser sees them
MAX_TREE_DEPTH = 200  # libcst node levels (one to three per Python syntax-tree level)
_CLOSER_LOOK_DEPTH = 40  # below this many levels the libcst tree cannot reach MAX_TREE_DEPTH
MAX_CHAIN = 300  # tokens of one expression between commas, in text Python rejects
_CHAIN_BUDGET = 250_000  # at most about a second of libcst's time on long chains, ditto
_NESTING_ERRORS = re.compile(
    r"too many nested|too many levels of indentation|too complex|stack overflow|recursion",
    re.IGNORECASE,
)
TOO_DEEP = "too deeply nested to check"


@dataclass(frozen=True)
class Screen:
    """What Python's parser says about a text before libcst is allowed to see it."""

    refuse: tuple[str, int, int] | None = None  # never hand the text to libcst
    too_deep: bool = False  # refused for its nesting, not for a plain syntax error
    # Python's syntax error; libcst still gets the text, as it may know newer syntax.
    error: tuple[str, int, int] | None = None
    closer_look: bool = False  # measure the libcst tree before trusting it
    row: int = 1  # the line of the deepest part


def python_ast(text: str, mode: str = "exec") -> Any:
    """Python's syntax tree of ``text`` (raises what :func:`compile` raises), without the
    warnings the compiler gives about the checked code (an invalid escape sequence is a
    ``SyntaxWarning`` on stderr from Python 3.12 on): they are the checked code's, not ours,
    and would stand between the findings. Nothing is executed."""
    import ast
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(text, "<checked>", mode, flags=ast.PyCF_ONLY_AST, dont_inherit=True)


def screen(text: str, mode: str = "exec") -> Screen:
    """Whether ``text`` may be parsed with libcst (``mode`` is ``exec`` or ``eval``)."""
    try:
        tree = python_ast(text, mode)
    except SyntaxError as exc:
        line = (exc.text or "").rstrip("\r\n")
        error = (str(exc.msg), exc.lineno or 1, _codepoint_column(line, exc.offset or 1))
        if _NESTING_ERRORS.search(str(exc.msg)):
            return Screen(refuse=error, too_deep=True)
        return _screen_tokens(text, error)
    except (RecursionError, MemoryError):
        return Screen(refuse=(f"{TOO_DEEP}: Python itself cannot compile it", 1, 1), too_deep=True)
    except (ValueError, OverflowError) as exc:
        return Screen(refuse=(f"cannot parse: {exc}", 1, 1))
    depth, row, closer = _ast_shape(tree, text)
    if depth > MAX_AST_DEPTH:
        return Screen(
            refuse=(f"{TOO_DEEP} (more than {MAX_AST_DEPTH} levels)", row, 1), too_deep=True
        )
    return Screen(closer_look=closer, row=row)


def _ast_shape(tree: object, text: str) -> tuple[int, int, bool]:
    """(depth, line of the deepest node, whether the libcst tree may be much deeper).

    ``a and b and c`` is one node for Python but nested in libcst; so is the implicit
    concatenation of string literals (``"a" "b" "c"``), which Python folds into one value:
    its source is then much longer than the value (two quotes or more per part).
    """
    import ast

    assert isinstance(tree, ast.AST)
    best, row, closer = 0, 1, False
    spans: _ByteSpans | None = None
    fstring_parts: set[int] = set()  # their positions are the whole f-string's on 3.11
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.BoolOp):
            depth += len(node.values) - 2
        if depth > best:
            best, row = depth, getattr(node, "lineno", row)
            if best > MAX_AST_DEPTH:
                break
        if isinstance(node, ast.JoinedStr):
            fstring_parts.update(id(part) for part in node.values)
            lines = (node.end_lineno or node.lineno) - node.lineno
            width = (node.end_col_offset or 0) - node.col_offset
            closer = closer or lines > 5 or width > 300
        elif (
            not closer
            and isinstance(node, ast.Constant)
            and isinstance(node.value, (str, bytes))
            and id(node) not in fstring_parts
            and (
                node.end_lineno != node.lineno or (node.end_col_offset or 0) - node.col_offset > 100
            )
        ):
            spans = spans or _ByteSpans(text)
            value = node.value
            size = (
                len(value)
                if isinstance(value, bytes)
                else len(value.encode("utf-8", "surrogatepass"))
            )
            closer = spans.length(node) - size > 200
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return best, row, closer or best > _CLOSER_LOOK_DEPTH


class _ByteSpans:
    """Lengths of node sources from ``ast`` positions (lines, UTF-8 byte columns)."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")
        self.starts = [0] + [m.end() for m in re.finditer(rb"\r\n|\r|\n", self.data)]

    def length(self, node: Any) -> int:
        if node.end_lineno is None or node.end_col_offset is None:
            return 0
        begin = self.starts[node.lineno - 1] + node.col_offset
        end = self.starts[node.end_lineno - 1] + node.end_col_offset
        return int(end - begin)


def _screen_tokens(text: str, error: tuple[str, int, int]) -> Screen:
    """For text Python rejects (libcst may still accept newer syntax): bracket depth and
    operator chains from the tokens, since there is no syntax tree to measure."""
    import io
    import tokenize

    depth = 0
    items = [0]  # tokens of the current comma-separated item, per bracket level
    cost = 0  # libcst takes quadratic time in the length of an operator chain
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                continue
            if token.type == tokenize.NEWLINE:
                items = [0] * (depth + 1)
                continue
            if token.type == tokenize.OP and token.string in (",", ";"):
                items[-1] = 0
                continue
            items[-1] += 1
            if items[-1] > MAX_CHAIN:
                message = f"{TOO_DEEP} (an expression of over {MAX_CHAIN} tokens)"
                return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            if items[-1] > 50:
                cost += items[-1]
                if cost > _CHAIN_BUDGET:
                    message = f"{TOO_DEEP} (too many long expressions)"
                    return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            if token.type == tokenize.OP and token.string in ("(", "[", "{"):
                depth += 1
                items.append(0)
                if depth > MAX_AST_DEPTH:
                    message = f"{TOO_DEEP} (more than {MAX_AST_DEPTH} nested brackets)"
                    return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            elif token.type == tokenize.OP and token.string in (")", "]", "}") and depth:
                depth -= 1
                items.pop()
    except (tokenize.TokenError, SyntaxError):
        return Screen(refuse=error)  # unreadable for Python's tokenizer too: Python's message
    return Screen(error=error, closer_look=True, row=error[1])


def tree_depth_exceeds(node: cst.CSTNode, limit: int) -> bool:
    """Whether the libcst tree under ``node`` is more than ``limit`` levels deep (no recursion)."""
    from devcreds_lint.parsing.walk import children  # attribute reads; .children rebuilds nodes

    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children(current))
    return False


def _codepoint_column(line: str, offset: int) -> int:
    """``SyntaxError.offset`` is 1-based; on some versions it counts UTF-8 bytes."""
    return max(1, min(offset, len(line) + 1))
