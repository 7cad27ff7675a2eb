"""A TPS list as KPU's offices export it, for a whole province or the nation (every desa/kelurahan
of reference/nasional whose code starts with a prefix; the nation: 83.762 desa, about 820.000 TPS):
a title block, a two-row header (`JUMLAH PEMILIH` over `L | P | L+P`) with the province and the
kab/kota of each row (`PROBOLINGGO`, `KOTA PROBOLINGGO`, as KPU writes them), the TPS number as
text (`001`), an address, the grand total row (`JUMLAH`) and a place, date and signature under the
table.

Synthetic and deterministic: per desa 1–40 TPS (a kelurahan in a city has more, a small desa one
or two), 150–600 voters per TPS. A desa whose name reads the same as another's of its kecamatan
(`Lubuk Pakam I,II` and `Lubuk Pakam III`) is written by its code, as the dashboard asks for such
a desa. Written with xlsxwriter's constant_memory (every text inline in its cell, as streaming
exporters write).
"""

from __future__ import annotations

import csv
import gzip
import math
import random
from collections import Counter
from pathlib import Path

import xlsxwriter

from readiness.names import name_key
from tests.kpu_rekap import nama_kpu  # how KPU writes a kab/kota name

ROOT = Path(__file__).resolve().parent.parent
NASIONAL = ROOT / "reference" / "nasional"
JUDUL = [
    "DAFTAR TEMPAT PEMUNGUTAN SUARA (TPS)",
    "PEMILIHAN SERENTAK GUBERNUR, BUPATI DAN WALI KOTA TAHUN 2024",
    "TINGKAT NASIONAL",
]
HEADER = ["NO", "PROVINSI", "KABUPATEN/KOTA", "KECAMATAN", "DESA/KELURAHAN", "NOMOR TPS", "JUMLAH PEMILIH"]
SUB = ["L", "P", "L+P"]
TANDA = [
    "Sumber: Sistem Informasi Data Pemilih (Sidalih)",
    "Jakarta, 20 November 2024",
    "KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA",
    "KETUA,",
    "",
    "MOCHAMMAD AFIFUDDIN",
]
DUSUN = "KRAJAN KULON WETAN LOR KIDUL TENGAH SUMBER TEGALAN BARAT TIMUR BARU LAMA PASAR".split()
JALAN = "MERDEKA SUDIRMAN DIPONEGORO KARTINI PAHLAWAN AHMAD_YANI GAJAH_MADA VETERAN MAWAR MELATI".split()


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(NASIONAL / f"{name}.csv.gz", "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _tps_count(rnd: random.Random, kelurahan: bool) -> int:
    """1–40 TPS, most desa 3–14 (a log-normal around 7; a kelurahan around 18)."""
    return max(1, min(40, round(rnd.lognormvariate(math.log(18 if kelurahan else 7.3), 0.55))))


def _alamat(rnd: random.Random, kelurahan: bool) -> str:
    if kelurahan:
        return f"JL. {rnd.choice(JALAN).replace('_', ' ')} NO. {rnd.randint(1, 150)}"
    return f"DUSUN {rnd.choice(DUSUN)} RT {rnd.randint(1, 20):03d} RW {rnd.randint(1, 8):03d}"


def places(prefix: str | tuple[str, ...] = "") -> list[tuple[str, str, str, str, str, bool]]:
    """(kode_desa, provinsi, kab/kota, kecamatan, desa as written, kelurahan?) in code order, of
    the desa whose code starts with `prefix` (every desa: '')."""
    prov = {r["kode_provinsi"]: r["provinsi"] for r in _read("provinsi")}
    kab = {r["kode_kabkota"]: r for r in _read("kabkota")}
    kec = {r["kode_kecamatan"]: r for r in _read("kecamatan")}
    desa = [d for d in _read("desa") if d["kode_desa"].startswith(prefix)]
    twice = Counter((d["kode_kecamatan"], name_key(d["desa"])) for d in desa)
    out = []
    for d in sorted(desa, key=lambda d: d["kode_desa"]):
        k = kec[d["kode_kecamatan"]]
        b = kab[k["kode_kabkota"]]
        name = d["kode_desa"] if twice[(d["kode_kecamatan"], name_key(d["desa"]))] > 1 else d["desa"].upper()
        out.append(
            (
                d["kode_desa"],
                prov[b["kode_provinsi"]].upper(),
                nama_kpu(b["kode_kabkota"], b["kabkota"]),
                k["kecamatan"].upper(),
                name,
                d["jenis"] == "kelurahan",
            )
        )
    return out


def write(
    path: Path,
    seed: int = 2024,
    prefix: str | tuple[str, ...] = "",
    judul: str = "TINGKAT NASIONAL",
    sel: dict[tuple[int, int], object] | None = None,
    total_l_salah: int = 0,
) -> tuple[Path, int, tuple[int, int, int]]:
    """The file, its number of TPS rows and its (L, P, L+P) grand total. `sel`: cells written as
    given instead ((index of the TPS row, column) -> value), as a hand-edited file has them;
    `total_l_salah`: added to the L of the grand total row (a total that disagrees)."""
    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("DAFTAR TPS")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    title = wb.add_format({"bold": True})
    num = wb.add_format({"num_format": "#,##0"})
    for r, text in enumerate([*JUDUL[:2], judul]):
        ws.write(r, 0, text, title)
    h = len(JUDUL) + 1
    for c, text in enumerate(HEADER[:-1]):
        ws.write(h, c, text, bold)
    ws.write(h, 6, HEADER[-1], bold)
    ws.write_blank(h, 7, None, bold)
    ws.write_blank(h, 8, None, bold)
    ws.write(h, 9, "ALAMAT TPS", bold)
    for c in (0, 1, 2, 3, 4, 5, 9):
        ws.write_blank(h + 1, c, None, bold)
    for c, text in enumerate(SUB, 6):
        ws.write(h + 1, c, text, bold)
    r = h + 2
    total_l = total_p = 0
    for _, provinsi, kabkota, kecamatan, desa, kelurahan in places(prefix):
        for no in range(1, _tps_count(rnd, kelurahan) + 1):
            dpt = rnd.randint(150, 600)
            laki = dpt // 2 + rnd.randint(-12, 12)
            laki = min(max(laki, 0), dpt)
            cells = list(
                (
                    r - h - 1,
                    provinsi,
                    kabkota,
                    kecamatan,
                    desa,
                    f"{no:03d}",
                    laki,
                    dpt - laki,
                    dpt,
                    _alamat(rnd, kelurahan),
                )
            )
            for (i, c), value in (sel or {}).items():
                if i == r - h - 2:
                    cells[c] = value
            ws.write_row(r, 0, cells)
            total_l += laki
            total_p += dpt - laki
            r += 1
    rows = r - h - 2
    ws.write(r, 1, "JUMLAH", title)
    ws.write(r, 6, total_l + total_l_salah, num)
    ws.write(r, 7, total_p, num)
    ws.write(r, 8, total_l + total_p, num)
    for i, line in enumerate(TANDA):
        if line:
            ws.write(r + 2 + i, 1 if i == 0 else 8, line)
    wb.close()
    return path, rows, (total_l, total_p, total_l + total_p)
