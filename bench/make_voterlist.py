"""Write a whole kabupaten's per-voter list (DPT export shape, 872.218 rows, one sheet) to
bench/out/dpt_kabupaten.xlsx, following the bundled TPS list (every TPS's L and P counts).

Synthetic and deterministic: names, NIK and NKK are fake; voters of one household (1–5 in a row
within a TPS) share an NKK, as on a real DPT. Reused when it already exists.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "dpt_kabupaten.xlsx"
# The same voters with every text inline in its cell, as streaming exporters write (Apache POI's
# SXSSF, xlsxwriter's constant_memory): no shared-string table.
OUT_INLINE = ROOT / "bench" / "out" / "dpt_kabupaten_inline.xlsx"
TPS_FILE = ROOT / "data" / "sample" / "tps_pilkada2024.xlsx"
KODE = {
    r.split(",")[1].upper(): r.split(",")[0][-2:]
    for r in (ROOT / "reference" / "kecamatan.csv").read_text().splitlines()[1:]
}
HEADER = [
    "NO",
    "DPID",
    "NKK",
    "NIK",
    "NAMA",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "STS KAWIN",
    "JENIS KELAMIN",
    "ALAMAT",
    "RT",
    "RW",
    "DISABILITAS",
    "KTP-EL",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "TPS",
    "KETERANGAN",
]
FIRST = "AHMAD MOH. NUR SITI HASAN FATIMAH ABDUL SRI MUHAMMAD ROFIQ SUTRISNO NGATINAH SAMSUL ANIK".split()
LAST = "HIDAYAT SUPRIYADI WAHYUNI ROHMAN HASANAH SANTOSO MAWARDI SAFITRI YULIANTI SUGIANTO".split()


def tps_rows():
    sheet = CalamineWorkbook.from_path(TPS_FILE).get_sheet_by_index(0).to_python()
    for row in sheet[5:]:
        if row[1] in ("", "JUMLAH") or not row[3]:
            continue
        # The sample TPS list is planted 17 voters (L) short in Gending, Curahsawo TPS 003;
        # the per-voter list follows the recap, so the kabupaten has 872.218 voters.
        extra = 17 if (row[1], row[2], row[3]) == ("GENDING", "CURAHSAWO", "003") else 0
        yield row[1], row[2], int(row[3]), int(row[4]) + extra, int(row[5])


def main(inline: bool = False) -> Path:
    out = OUT_INLINE if inline else OUT
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(872218)
    tmp = out.with_suffix(".tmp.xlsx")
    # Shared strings, as Excel itself saves a workbook (and as exports re-saved by analysts are).
    wb = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False, "constant_memory": inline})
    wb.set_properties({"created": dt.datetime(2024, 11, 20, 14, 0)})
    ws = wb.add_worksheet("DPT KABUPATEN")
    ws.write(0, 0, "DAFTAR PEMILIH TETAP (DPT)")
    ws.write(1, 0, "PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024")
    for c, h in enumerate(HEADER):
        ws.write_string(3, c, h)
    r, no, serial = 4, 0, 0
    election = dt.date(2024, 11, 27)
    for kec, desa, tps, n_l, n_p in tps_rows():
        kode = KODE[kec]
        household = 0
        for sex in ["L"] * n_l + ["P"] * n_p:
            no += 1
            serial += 1
            if household == 0:  # a new family card (KK): 1 to 5 voters, about 2,9 on average
                household = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
                nkk = f"3513{kode}{rng.randrange(10**10):010d}"
            household -= 1
            age = 17 + int(rng.expovariate(1 / 22)) % 70
            born = election - dt.timedelta(days=365 * age + rng.randrange(365))
            day = born.day + (40 if sex == "P" else 0)
            nik = f"3513{kode}{day:02d}{born.month:02d}{born.year % 100:02d}{serial % 10000:04d}"
            row = [
                no,
                str(100000000 + no),
                nkk,
                nik,
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "PROBOLINGGO",
                born.strftime("%d-%m-%Y"),
                "B" if age < 24 else rng.choice("SSSSP"),
                sex,
                "DUSUN KRAJAN",
                f"{rng.randrange(1, 20):03d}",
                f"{rng.randrange(1, 8):03d}",
                0 if rng.random() > 0.006 else rng.randrange(1, 7),
                "S" if rng.random() > 0.03 else "B",
                kec,
                desa,
                tps,
                "",
            ]
            for c, v in enumerate(row):
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
            r += 1
    wb.close()
    tmp.rename(out)
    print(f"{no} pemilih -> {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return out


if __name__ == "__main__":
    main(inline="--inline" in sys.argv)
