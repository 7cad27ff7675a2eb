"""bench/RESULTS.md holds one section per benchmark between `<!-- name:start -->` and
`<!-- name:end -->`; each script replaces only its own. Also `tree_at`: the repository at another
ref, for a bench that measures it beside this tree in the same run."""

from __future__ import annotations

import subprocess
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
