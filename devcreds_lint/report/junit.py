"""The "junit" format: JUnit XML, one test case per file with findings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from devcreds_lint.model import Diagnostic
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import ReportContext, shown_path

SUITE = "devcreds-lint"
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    redactor = Redactor(diagnostics, Sources(context.source_of))
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        by_file.setdefault(shown_path(diag, context), []).append(diag)
    tests, failures = max(len(by_file), 1), len(by_file)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"name": _xml(path), "classname": _xml(path)})
        for diag in found:
            message = redactor.scrub(diag.message)
            failure = ET.SubElement(
                case, "failure", {"message": _xml(f"{diag.code}: {message}"), "type": diag.code}
            )
            failure.text = _xml(
                f"{path}:{diag.start.row}:{diag.start.column}: {diag.code} {message}"
            )
    if not by_file:
        ET.SubElement(suite, "testcase", {"name": SUITE, "classname": SUITE})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
