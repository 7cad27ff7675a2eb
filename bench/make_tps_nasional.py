"""Write the national TPS list of the bench (tests/kpu_tps.py: every desa/kelurahan of
reference/nasional, 83.762 desa, about 820.000 TPS, one sheet) to bench/out/tps_nasional.xlsx.
Reused when it already exists.

    .venv/bin/python bench/make_tps_nasional.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import kpu_tps  # noqa: E402

OUT = ROOT / "bench" / "out" / "tps_nasional.xlsx"


def main(force: bool = False) -> Path:
    if OUT.exists() and not force:
        return OUT
    path, rows, total = kpu_tps.write(OUT)
    print(f"{path}: {rows:,} TPS, DPT {total[2]:,}", file=sys.stderr)
    return path


if __name__ == "__main__":
    main(force="--force" in sys.argv)
