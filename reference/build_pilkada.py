"""Regenerate reference/pilkada_2024.csv — the regions that held a regional head election on
27 November 2024 (Pilkada serentak 2024) — from the national list in reference/nasional/.

    python reference/build_pilkada.py

The list is derived by the rule of that day's elections (PKPU 2/2024 sets the voting day; KPU counts
545 regions: 37 gubernur, 415 bupati and 93 wali kota elections), not copied from a KPU table:
  - every province elects its gubernur except Daerah Istimewa Yogyakarta (34), whose governor is
    not elected (UU 13/2012 on its special status);
  - every kabupaten elects its bupati and every kota its wali kota, except DKI Jakarta's five
    administrative cities and its administrative regency Kepulauan Seribu (31.xx: their heads are
    appointed by the governor, UU 29/2007, UU 2/2024).
The counts are checked, so a new edition of the national list that breaks the rule stops here.
Standard library only.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "pilkada_2024.csv"
TANGGAL = "2024-11-27"
TANPA_GUBERNUR = {"34"}  # Daerah Istimewa Yogyakarta
TANPA_BUPATI_WALIKOTA = {"31"}  # DKI Jakarta: administrative cities and regency
EXPECTED = {"gubernur": 37, "bupati": 415, "walikota": 93}
FIELDS = ["kode_wilayah", "wilayah", "jenis", "tanggal"]


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(HERE / "nasional" / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows() -> list[dict[str, str]]:
    """One row per region and election of that day, sorted by code (a province before its kab/kota)."""
    out = [
        {"kode_wilayah": p["kode_provinsi"], "wilayah": f"Provinsi {p['provinsi']}", "jenis": "gubernur"}
        for p in _read("provinsi")
        if p["kode_provinsi"] not in TANPA_GUBERNUR
    ]
    out += [
        {
            "kode_wilayah": k["kode_kabkota"],
            "wilayah": k["kabkota"],
            "jenis": "bupati" if k["jenis"] == "kabupaten" else "walikota",
        }
        for k in _read("kabkota")
        if k["kode_provinsi"] not in TANPA_BUPATI_WALIKOTA
    ]
    out.sort(key=lambda r: r["kode_wilayah"])
    return [{**r, "tanggal": TANGGAL} for r in out]


def main() -> int:
    table = rows()
    counts = {jenis: sum(r["jenis"] == jenis for r in table) for jenis in EXPECTED}
    if counts != EXPECTED:
        sys.exit(f"counts {counts} are not the {EXPECTED} of 27 November 2024")
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{OUT}: {len(table)} elections {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
