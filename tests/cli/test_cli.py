"""The command line end to end: formats, exit codes, path kinds, selection, rule pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from devcreds_lint.catalogue import CODES
from devcreds_lint.cli import cli, main
from tests.helpers import FIXTURES, ROOT, run_cli

run = run_cli


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "seed", tmp_path / "seed")
    return tmp_path / "seed"


def test_examples_report_the_seed_defects() -> None:
    code, out, _ = run("check", "--no-cache", "examples/")
    assert code == 1
    for rule in ("DC101", "DC102", "DC205", "DC208", "DC309", "DC601"):
        assert rule in out
    assert "acme_cloud" not in out and "brightlink" not in out
    assert "Found 9 errors." in out


def test_clean_tree_exits_zero() -> None:
    code, out, _ = run(
        "check", "--no-cache", str(FIXTURES / "clean_app"), str(FIXTURES / "clean_dev")
    )
    assert code == 0
    assert "All checks passed!" in out


def test_full_format_shows_source_and_caret(seed: Path) -> None:
    code, out, _ = run("check", "--no-cache", str(seed))
    assert code == 1
    line = next(x for x in out.splitlines() if ":8:42: DC205 [*]" in x)
    assert line.startswith(str(seed.relative_to(seed.anchor)).split(os.sep)[0]) or line
    assert "^^^^" in out
    assert "fixable with the `--fix` option" in out


def test_concise_format_is_one_line_each(seed: Path) -> None:
    _, out, _ = run("check", "--no-cache", "--output-format", "concise", str(seed))
    lines = [line for line in out.splitlines() if ": DC" in line]
    assert len(lines) == 9
    assert all(line.count(":") >= 3 for line in lines)
    assert any(
        line.endswith(
            "developer_credentails.py:8:42: DC205 [*] error: module-level hook `async_get_authorization_server` takes a leading `self`; Home Assistant passes `hass` first"
        )
        for line in lines
    )


def test_json_format_schema(seed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--output-format", "json", str(seed), cwd=seed.parent)
    assert code == 1
    items = json.loads(out)
    assert [i["code"] for i in items] == [
        "DC101",
        "DC102",
        "DC102",
        "DC205",
        "DC309",
        "DC309",
        "DC208",
        "DC205",
        "DC601",
    ]
    first = items[3]
    assert first["name"] == "bad-hook-signature" and first["severity"] == "error"
    assert first["location"] == {"row": 8, "column": 42}
    assert first["end_location"]["row"] == 8
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"][0]["content"] == ""
    assert first["url"].endswith("#dc205")
    assert first["filename"] == "seed/custom_components/seed_example/developer_credentails.py"
    rename = items[0]["fix"]["edits"][0]
    assert rename["rename_to"].endswith("developer_credentials.py")


def test_output_is_deterministic(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "f")
    first = run("check", "--no-cache", "--output-format", "json", str(tmp_path / "f"))
    second = run("check", "--no-cache", "--output-format", "json", str(tmp_path / "f"))
    assert first == second
    items = json.loads(first[1])
    keys = [
        (i["filename"], i["location"]["row"], i["location"]["column"], i["code"]) for i in items
    ]
    assert keys == sorted(keys)


def test_select_ignore_and_prefixes(seed: Path) -> None:
    _, out, _ = run(
        "check", "--no-cache", "--output-format", "concise", "--select", "DC2", str(seed)
    )
    assert {line.split()[1] for line in out.splitlines() if ": DC" in line} == {"DC205", "DC208"}
    _, out, _ = run(
        "check", "--no-cache", "--output-format", "concise", "--ignore", "DC1,DC205", str(seed)
    )
    assert {line.split()[1] for line in out.splitlines() if ": DC" in line} == {
        "DC208",
        "DC309",
        "DC601",
    }
    code, _, _ = run("check", "--no-cache", "--select", "DC306", str(seed))
    assert code == 0


def test_exit_zero(seed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--exit-zero", str(seed))
    assert code == 0 and "DC205" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", "--no-such-option"), "no-such-option"),
        (("check", "does/not/exist"), "does not exist"),
        (("check", "--select", "DC999"), "DC999"),
        (("check", "--output-format", "xml"), "xml"),
        (("rule", "DC999"), "DC999"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0]


def test_path_kinds(tmp_path: Path) -> None:
    tree = tmp_path / "core"
    shutil.copytree(FIXTURES / "core_tree", tree)
    beta = tree / "homeassistant" / "components" / "beta"
    for path in (
        tree,
        tree / "homeassistant" / "components",
        beta,
        beta / "application_credentials.py",
    ):
        code, out, _ = run("check", "--no-cache", "--output-format", "concise", str(path))
        assert code == 1, path
        assert [line.split()[1] for line in out.splitlines() if ": DC" in line] == ["DC203"], path


@pytest.mark.parametrize("name", ["manifest.json", "config_flow.py", "const.py", "__init__.py"])
def test_a_single_file_of_an_integration_checks_the_whole_integration(
    seed: Path, name: str
) -> None:
    target = seed / "custom_components" / "seed_example" / name
    code, out, _ = run("check", "--no-cache", "--output-format", "concise", str(target))
    assert code == 1
    assert len([line for line in out.splitlines() if ": DC" in line]) == 9


def test_a_file_outside_any_integration_is_silent(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("x = 1\n")
    code, _, _ = run("check", "--no-cache", str(tmp_path / "pkg" / "__init__.py"))
    assert code == 0


def test_rule_pages() -> None:
    code, out, _ = run("rule", "DC203")
    assert code == 0
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
        assert section in out
    code, out, _ = run("rule", "--all")
    assert code == 0 and out.count("| DC") == len(CODES)


@pytest.mark.parametrize("name", ["sync-platform-hook", "sync_platform_hook", "dc203"])
def test_a_rule_by_name_is_the_rule_by_code(name: str) -> None:
    """Issue 16 point 12: `rule sync-platform-hook` works like `rule DC203`."""
    by_code = run("rule", "DC203")
    assert run("rule", name) == by_code and by_code[0] == 0
    code, _, err = run("rule", "sync-platfrom-hook")
    assert code == 2 and "unknown rule code or name" in err


@pytest.mark.parametrize(
    ("env", "colored"),
    [
        ({}, False),  # not a terminal
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, False),  # empty: not set (force-color.org)
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_force_color_is_honoured_as_no_color_is(
    seed: Path, env: dict[str, str], colored: bool
) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", "--no-cache", str(seed)],
        capture_output=True,
        text=True,
        env={**base, **env, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 1
    assert ("\x1b[" in proc.stdout) is colored, proc.stdout[:200]


def test_in_process_main_exit_codes(seed: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-cache", "--output-format", "concise", str(seed)])
    assert exc.value.code == 1
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(FIXTURES / "clean_app")])
    assert result.exit_code == 0


def test_color_only_when_asked(seed: Path) -> None:
    _, plain, _ = run("check", "--no-cache", str(seed))
    _, colored, _ = run("check", "--no-cache", "--color", "always", str(seed))
    assert "\x1b[" not in plain and "\x1b[" in colored
