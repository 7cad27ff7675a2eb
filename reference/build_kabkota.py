"""Regenerate reference/kabkota.csv — the national list of provinsi and kabupaten/kota — from the
pinned source: db/wilayah.sql of github.com/cahyadsn/wilayah (MIT), Kepmendagri 300.2.2-2430/2025
(the repository's README; the file's own header still names the earlier 300.2.2-2138/2025).

    python reference/build_kabkota.py                      # downloads the pinned file
    python reference/build_kabkota.py --sql path/to/wilayah.sql

The file read must be byte-identical to the pinned one (its SHA-256 is checked), so the output
is the same on every machine. Only levels 1 and 2 of the codes are kept (`35`, `35.13`);
the nation's kecamatan and desa/kelurahan are in reference/nasional/ (build_nasional.py).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import urllib.request
from pathlib import Path
from typing import IO

REPOSITORY = "cahyadsn/wilayah"
COMMIT = "b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7"
PATH = "db/wilayah.sql"
SHA256 = "c4c3396d9380d4edee072af1d9dff83573b574d7cd00a6562cf82e200e954031"
URL = f"https://raw.githubusercontent.com/{REPOSITORY}/{COMMIT}/{PATH}"
OUT = Path(__file__).with_name("kabkota.csv")
EXPECTED = {"provinsi": 38, "kabkota": 514}
FIELDS = ["kode", "nama", "kode_provinsi", "provinsi"]

# ('35','Jawa Timur'), or ('35.13','Kabupaten Probolinggo'), — SQL quotes doubled inside names.
_ROW = re.compile(r"^\('(\d{2}(?:\.\d{2})?)','((?:[^']|'')*)'\)[,;]?\s*$")


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def check_sha256(data: bytes, expected: str, what: str) -> bytes:
    """The bytes read, or exit naming the file when they are not the pinned ones."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        sys.exit(f"{what}: SHA-256 {digest} is not the pinned {expected}")
    return data


def read_source(sql_path: Path | None) -> bytes:
    data = sql_path.read_bytes() if sql_path is not None else download(URL)
    return check_sha256(data, SHA256, f"{PATH} ({REPOSITORY}@{COMMIT})")


def clean_name(raw: str) -> str:
    """A name as written in the SQL dump: quotes undoubled, runs of spaces and edge spaces gone."""
    return " ".join(raw.replace("''", "'").split())


def wilayah_names(data: bytes, pattern: re.Pattern[str] = _ROW) -> dict[str, str]:
    """kode -> nama for every row of wilayah.sql that `pattern` matches."""
    names: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        match = pattern.match(line.strip())
        if match:
            names[match.group(1)] = clean_name(match.group(2))
    return names


def write_rows(handle: IO[str], fieldnames: list[str], rows: list[dict[str, object]]) -> None:
    writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_csv(path: Path, fieldnames: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, fieldnames, rows)


def kabkota_rows(data: bytes) -> list[dict[str, str]]:
    provinsi: dict[str, str] = {}
    kabkota: dict[str, str] = {}
    for kode, nama in wilayah_names(data).items():
        (provinsi if len(kode) == 2 else kabkota)[kode] = nama
    found = {"provinsi": len(provinsi), "kabkota": len(kabkota)}
    if found != EXPECTED:
        sys.exit(f"expected {EXPECTED}, found {found}")
    orphans = sorted(k for k in kabkota if k[:2] not in provinsi)
    if orphans:
        sys.exit(f"kab/kota without a province: {orphans}")
    return [
        {"kode": kode, "nama": nama, "kode_provinsi": kode[:2], "provinsi": provinsi[kode[:2]]}
        for kode, nama in sorted(kabkota.items())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql", type=Path, help=f"a local copy of {PATH} at {COMMIT[:7]}")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = kabkota_rows(read_source(args.sql))
    write_csv(args.out, FIELDS, rows)
    print(f"{args.out}: {len(rows)} kab/kota in {len({r['kode_provinsi'] for r in rows})} provinsi")
    return 0


if __name__ == "__main__":
    sys.exit(main())
