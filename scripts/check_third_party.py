"""Precision check on third-party custom integrations: lay them out, check them, count.

The integrations are listed in ``scripts/third_party.tsv`` (repository, commit, domain, and
whether the commit is a plain snapshot, the parent of a commit that fixed an OAuth2 set-up
failure, or that fix). Their code is never kept in this repository: this script clones each
repository into a folder you name (outside the checkout), checks out the listed commit, and
copies ``custom_components/<domain>/`` to ``FOLDER/<owner>__<repo>@<commit8>/custom_components/
<domain>/``. Then it runs ``devcreds-lint check --no-cache --output-format json`` on each and
prints every finding and a count per code, so that each can be read against the code.

    python scripts/check_third_party.py FOLDER            # lay out (needs git + network), check
    python scripts/check_third_party.py FOLDER --mirror M # lay out from local git snapshots
    python scripts/check_third_party.py FOLDER --no-fetch # check what FOLDER already holds

``--mirror M`` reads each repository from a git directory already on this machine,
``M/<owner>+<repo>/repo`` (a bare snapshot with its history), instead of cloning: for a
machine without network access to GitHub. A commit the snapshot lacks is reported, not
replaced by another one.

A parent-of-fix row should be flagged and its fix row clean: the script prints both side by
side.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LIST = Path(__file__).resolve().parent / "third_party.tsv"


def rows() -> list[tuple[str, str, str, str]]:
    found = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        repo, commit, domain, kind = line.split("\t")
        found.append((repo, commit, domain, kind))
    return found


def folder_for(root: Path, repo: str, commit: str) -> Path:
    return root / f"{repo.replace('/', '__')}@{commit[:8]}"


def mirror_dir(mirror: Path, repo: str) -> Path:
    return mirror / repo.replace("/", "+") / "repo"


def lay_out_from_mirror(mirror: Path, root: Path, repo: str, commit: str, domain: str) -> str:
    """Copy ``custom_components/<domain>`` at ``commit`` out of a local snapshot; "" when
    done, else why not."""
    target = folder_for(root, repo, commit) / "custom_components" / domain
    if target.is_dir():
        return ""
    git_dir = mirror_dir(mirror, repo)
    if not git_dir.is_dir():
        return f"no snapshot at {git_dir}"
    known = subprocess.run(
        ["git", "--git-dir", git_dir, "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if known.returncode:
        return f"the snapshot lacks {commit}"
    with tempfile.TemporaryDirectory() as temp:
        archive = subprocess.run(
            ["git", "--git-dir", git_dir, "archive", commit, f"custom_components/{domain}"],
            capture_output=True,
            check=False,
        )
        if archive.returncode:
            return archive.stderr.decode(errors="replace").strip()
        subprocess.run(["tar", "-x", "-C", temp], input=archive.stdout, check=True)
        shutil.copytree(Path(temp) / "custom_components" / domain, target)
    return ""


def lay_out(root: Path, repo: str, commit: str, domain: str) -> None:
    target = folder_for(root, repo, commit) / "custom_components" / domain
    if target.is_dir():
        return
    with tempfile.TemporaryDirectory() as temp:
        clone = Path(temp) / "repo"
        subprocess.run(
            ["git", "clone", "--quiet", "--filter=blob:none", f"https://github.com/{repo}", clone],
            check=True,
        )
        subprocess.run(["git", "-C", clone, "checkout", "--quiet", commit], check=True)
        shutil.copytree(clone / "custom_components" / domain, target)


def check(folder: Path) -> list[dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-m", "devcreds_lint", "check", "--no-cache", "--output-format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        print(f"{folder}: exit {proc.returncode}: {proc.stderr.strip()}", file=sys.stderr)
        return []
    found: list[dict[str, object]] = json.loads(proc.stdout or "[]")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the integrations are laid out")
    parser.add_argument("--no-fetch", action="store_true", help="only check what is there")
    parser.add_argument(
        "--mirror", type=Path, help="lay out from local git snapshots MIRROR/<owner>+<repo>/repo"
    )
    args = parser.parse_args()
    root: Path = args.folder.resolve()
    if Path(os.path.commonpath([root, LIST.parent.parent])) == LIST.parent.parent:
        parser.error("lay the integrations out outside this repository")
    counts: collections.Counter[str] = collections.Counter()
    for repo, commit, domain, kind in rows():
        if args.mirror is not None and not args.no_fetch:
            why = lay_out_from_mirror(args.mirror, root, repo, commit, domain)
            if why:
                print(f"-- {repo}@{commit[:8]} ({kind}): {why}")
                continue
        elif not args.no_fetch:
            lay_out(root, repo, commit, domain)
        folder = folder_for(root, repo, commit)
        if not folder.is_dir():
            print(f"-- {repo}@{commit[:8]} ({kind}): not laid out")
            continue
        findings = check(folder)
        print(f"-- {repo}@{commit[:8]} {domain} ({kind}): {len(findings)} finding(s)")
        for item in findings:
            location = item["location"]
            assert isinstance(location, dict)
            print(f"   {item['filename']}:{location['row']}: {item['code']} {item['message']}")
            counts[str(item["code"])] += 1
    print("\nby code:", dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
