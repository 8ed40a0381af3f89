"""Precision check on real code: run devcreds-lint over Home Assistant's own integrations.

Downloads the ``homeassistant`` wheel (default 2026.2.3) from PyPI into a temporary folder
(never into this repository), unpacks its ``homeassistant/`` tree there, runs the checker over
it, and prints every finding and a count per code, with the time the check took.

    python scripts/check_home_assistant.py [--version 2026.2.3] [--keep DIR]

Needs network access to PyPI. Nothing downloaded is kept unless ``--keep`` names a folder.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile


def download(version: str, folder: str) -> str:
    """The ``homeassistant`` wheel of ``version``, downloaded into ``folder``.

    Recent wheels need Python 3.14.2+ (2026.2.x needs 3.13.2+); asking for 3.14.2 lets pip
    fetch either from any interpreter. ``gen_component_names.py`` downloads with this too.
    """
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            "3.14.2",
            f"homeassistant=={version}",
            "--dest",
            folder,
        ],
        check=True,
    )
    wheels = [n for n in os.listdir(folder) if n.endswith(".whl") and version in n]
    if not wheels:
        raise SystemExit(f"no wheel downloaded for homeassistant {version}")
    return os.path.join(folder, wheels[0])


def unpack(wheel: str, folder: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.startswith("homeassistant/")]
        archive.extractall(folder, members)
    return os.path.join(folder, "homeassistant")


def home_assistant_tree(version: str, keep: str | None, temp: str) -> str:
    """The unpacked ``homeassistant/`` tree: the one in ``keep`` when there is one, else
    downloaded and unpacked into ``keep`` (or ``temp``)."""
    folder = keep or temp
    tree = os.path.join(folder, "homeassistant")
    if not os.path.isdir(tree):
        os.makedirs(folder, exist_ok=True)
        tree = unpack(download(version, folder), folder)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="2026.2.3")
    parser.add_argument("--keep", help="unpack here (and reuse it next time) instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or temp
        tree = home_assistant_tree(args.version, args.keep, temp)
        platforms = sum(
            1
            for d in os.listdir(os.path.join(tree, "components"))
            if os.path.isfile(os.path.join(tree, "components", d, "application_credentials.py"))
        )
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "devcreds_lint",
                "check",
                "--no-cache",
                "--output-format",
                "json",
                "homeassistant",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"devcreds-lint failed ({proc.returncode}): {proc.stderr}")
        findings = json.loads(proc.stdout)
        for item in findings:
            loc = item["location"]
            print(
                f"{item['filename']}:{loc['row']}:{loc['column']}: {item['code']} [{item['severity']}] {item['message']}"
            )
        counts = collections.Counter((f["code"], f["severity"]) for f in findings)
        print(
            f"\nhomeassistant {args.version}: {platforms} application_credentials.py modules, "
            f"{len(findings)} findings in {elapsed:.2f} s (cold, no cache)"
        )
        for (code, severity), count in sorted(counts.items()):
            print(f"  {code} {severity}: {count}")
        errors = sum(c for (_, s), c in counts.items() if s == "error")
        print(f"  errors: {errors}")


if __name__ == "__main__":
    main()
