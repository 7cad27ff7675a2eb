"""bench/RESULTS.md holds one section per benchmark between `<!-- name:start -->` and
`<!-- name:end -->`; each script replaces only its own. Also `tree_at`: the repository at another
ref, for a bench that measures it beside this tree in the same run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
ROOT = Path(__file__).resolve().parent.parent


def write_section(name: str, text: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\n"
    block = f"{start}\n{text}\n{end}"
    if start in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(current)


def tree_at(ref: str, folder: Path) -> Path:
    """This repository's files at `ref` (a plain copy, no git worktree)."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def measured_in_trees(before: str | None, tmp: Path, child_args, env: dict) -> dict:
    """The measuring child (`python` with `child_args(tree)`) run with the repository as it is
    ("now") and, when `before` names a ref, with that ref's tree (tree_at) on its PYTHONPATH: the
    JSON of each child's last line, by label."""
    trees = {"now": ROOT}
    if before:
        trees[before] = tree_at(before, tmp / "before")
    found = {}
    for label, tree in trees.items():
        done = subprocess.run(
            [sys.executable, *child_args(tree)],
            env={**env, "PYTHONPATH": str(tree)},
            capture_output=True,
            text=True,
            check=True,
        )
        found[label] = json.loads(done.stdout.strip().splitlines()[-1])
    return found
