"""Write a whole kabupaten's per-voter list (872.218 rows, one sheet) to
bench/out/dpt_kabupaten.xlsx, following the bundled TPS list (every TPS's L and P counts), shaped
as SIDALIH exports are: 22 columns, names of two to three words from long lists (nearly every
voter's name is a text of its own), addresses (dusun or street with house number), RT/RW, places of
birth, KTP-el and disability columns, a source-of-data note.

Synthetic and deterministic: names, NIK and NKK are fake; voters of one household (1–5 in a row
within a TPS) share an NKK and an address, as on a real DPT. Reused when it already exists.

    .venv/bin/python bench/make_voterlist.py [--inline] [--rows N]

`--rows N` writes N voters (dpt_kabupaten_N.xlsx), going round the TPS list again as needed:
the growth of the ingest's memory is measured on 0,5, 1 and 2 million rows.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parent.parent
# The same voters may be written with every text inline in its cell (`--inline`), as streaming
# exporters write (Apache POI's SXSSF, xlsxwriter's constant_memory): no shared-string table.
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
    "USIA",
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
    "SUMBER DATA",
    "STATUS",
    "KETERANGAN",
    "NO HP",
]
FIRST = (
    "AHMAD MOH. MOHAMMAD NUR SITI HASAN FATIMAH ABDUL SRI MUHAMMAD ROFIQ SUTRISNO NGATINAH SAMSUL ANIK "
    "BUDI AGUS DWI EKO TRI RINA DEWI YUNI SLAMET SUPARMAN SUMIATI MISNATUN SUHARTO HERU JOKO WAHYU "
    "RATNA LILIK NANIK ENDANG SRI'AH MA'RUF KHOIRUL IMAM ZAINAL ROHMAT SAIFUL ACHMAD NURUL LAILATUL "
    "ULFA FAIZAL RIZKY DIMAS FERDI YOGA ANDRI PUTRI AYU INDAH SUGENG MULYADI SUPRIYANTO SAMIAH"
).split()
MIDDLE = "NUR ABDUL SITI DWI AGUS FITRI ARIF MUHAMMAD WAHYU DEWI EKA PUTRA PUTRI".split()
LAST = (
    "HIDAYAT SUPRIYADI WAHYUNI ROHMAN HASANAH SANTOSO MAWARDI SAFITRI YULIANTI SUGIANTO FAUZI "
    "HIDAYATI ROSYIDI MAULANA KURNIAWAN SETIAWAN WIBOWO PRATAMA HANDAYANI LESTARI RAHAYU KHOTIMAH "
    "ASTUTIK FATONI MUNIR ARIFIN ZAINUDDIN SHOLEH MASRUROH HOLIFAH JUMAATI SAMSURI BUSIRI"
).split()
PLACES = (
    "PROBOLINGGO PASURUAN LUMAJANG JEMBER SURABAYA MALANG SIDOARJO BONDOWOSO SITUBONDO "
    "BANYUWANGI KRAKSAAN LECES DRINGU GENDING PAITON TONGAS SUMBERASIH BANGKALAN SAMPANG "
    "PAMEKASAN SUMENEP JAKARTA BANDUNG DENPASAR"
).split()
STREETS = "KRAJAN TENGAH KIDUL LOR WETAN KULON SUMBER GADING MANGGIS NANGKA DURIAN".split()
SOURCES = ("DPT PEMILU 2024", "DPT PEMILU 2024", "DPT PEMILU 2024", "DP4", "PEMILIH BARU", "PINDAHAN")


def tps_rows():
    sheet = CalamineWorkbook.from_path(TPS_FILE).get_sheet_by_index(0).to_python()
    for row in sheet[5:]:
        if row[1] in ("", "JUMLAH") or not row[3]:
            continue
        # The sample TPS list is planted 17 voters (L) short in Gending, Curahsawo TPS 003;
        # the per-voter list follows the recap, so the kabupaten has 872.218 voters.
        extra = 17 if (row[1], row[2], row[3]) == ("GENDING", "CURAHSAWO", "003") else 0
        yield row[1], row[2], int(row[3]), int(row[4]) + extra, int(row[5])


def _address(rng) -> str:
    if rng.random() < 0.6:
        return f"DUSUN {rng.choice(STREETS)}"
    return f"JL. {rng.choice(LAST)} NO. {rng.randrange(1, 200)}" + (" RT/RW" if rng.random() < 0.05 else "")


def _name(rng) -> str:
    parts = [rng.choice(FIRST)]
    if rng.random() < 0.55:
        parts.append(rng.choice(MIDDLE))
    parts.append(rng.choice(LAST))
    if rng.random() < 0.08:
        parts.append(f"BIN {rng.choice(FIRST)}" if rng.random() < 0.5 else f"BINTI {rng.choice(FIRST)}")
    return " ".join(parts)


def _spelled(rng, kec: str, desa: str, sex: str) -> tuple[str, str, str]:
    """Kecamatan, desa and sex as different operators type them: mostly as the reference writes
    them, some in title case, with a prefix, a trailing space, the sex spelled out."""
    roll = rng.random()
    if roll < 0.06:
        kec, desa = kec.title(), desa.title()
    elif roll < 0.08:
        kec = f"KEC. {kec}"
    elif roll < 0.10:
        kec, desa = kec + " ", desa + " "
    roll = rng.random()
    if roll < 0.10:
        sex = {"L": "LK", "P": "PR"}[sex]
    elif roll < 0.15:
        sex = {"L": "LAKI-LAKI", "P": "PEREMPUAN"}[sex]
    return kec, desa, sex


def _born(rng, born: dt.date):
    """The birth date as exports write it: mostly `dd-mm-yyyy` text, some `dd/mm/yyyy`, some a real
    Excel date."""
    roll = rng.random()
    if roll < 0.8:
        return born.strftime("%d-%m-%Y")
    if roll < 0.9:
        return born.strftime("%d/%m/%Y")
    return dt.datetime(born.year, born.month, born.day)


SHEET_ROWS = 1_000_000  # voters per sheet (Excel's limit is 1.048.576 rows)


def _sheet(wb, name: str):
    ws = wb.add_worksheet(name)
    ws.write(0, 0, "DAFTAR PEMILIH TETAP (DPT)")
    ws.write(1, 0, "PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024")
    for c, h in enumerate(HEADER):
        ws.write_string(3, c, h)
    return ws


def output(inline: bool, rows: int | None) -> Path:
    name = "dpt_kabupaten" + (f"_{rows}" if rows else "") + ("_inline" if inline else "")
    return ROOT / "bench" / "out" / f"{name}.xlsx"


def main(inline: bool = False, rows: int | None = None) -> Path:
    out = output(inline, rows)
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(872218)
    tmp = out.with_suffix(".tmp.xlsx")
    # Shared strings, as Excel itself saves a workbook (and as exports re-saved by analysts are).
    wb = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False, "constant_memory": inline})
    wb.set_properties({"created": dt.datetime(2024, 11, 20, 14, 0)})
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = _sheet(wb, "DPT KABUPATEN")
    r, no, serial = 4, 0, 0
    election = dt.date(2024, 11, 27)
    target = rows or sum(n_l + n_p for *_, n_l, n_p in tps_rows())
    while no < target:
        for kec, desa, tps, n_l, n_p in tps_rows():
            kode = KODE[kec]
            household = 0
            for sex in ["L"] * n_l + ["P"] * n_p:
                if no == target:
                    break
                no += 1
                if r == 4 + SHEET_ROWS:  # a sheet holds at most 1.048.576 rows: the rest on another
                    ws, r = _sheet(wb, f"DPT KABUPATEN {no // SHEET_ROWS + 1}"), 4
                serial += 1
                if household == 0:  # a new family card (KK): 1 to 5 voters, about 2,9 on average
                    household = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
                    nkk = f"3513{kode}{rng.randrange(10**10):010d}"
                    alamat, rt, rw = _address(rng), rng.randrange(1, 20), rng.randrange(1, 8)
                household -= 1
                age = 17 + int(rng.expovariate(1 / 22)) % 70
                born = election - dt.timedelta(days=365 * age + rng.randrange(365))
                day = born.day + (40 if sex == "P" else 0)
                nik = f"3513{kode}{day:02d}{born.month:02d}{born.year % 100:02d}{serial % 10000:04d}"
                kec_w, desa_w, sex_w = _spelled(rng, kec, desa, sex)
                if no % 25_000 == 0:  # a few messy rows: a desa mistyped, a NIK saved as a number
                    desa_w = desa_w + "AN"
                    nik = int(nik)
                row = [
                    no,
                    str(100000000 + no),
                    nkk,
                    nik,
                    _name(rng),
                    rng.choice(PLACES) if rng.random() < 0.4 else desa,
                    _born(rng, born),
                    age,
                    "B" if age < 24 else rng.choice("SSSSP"),
                    sex_w,
                    alamat,
                    f"{rt:03d}",
                    f"{rw:03d}",
                    0 if rng.random() > 0.006 else rng.randrange(1, 7),
                    "S" if rng.random() > 0.03 else "B",
                    kec_w,
                    desa_w,
                    tps,
                    rng.choice(SOURCES),
                    "AKTIF",
                    "" if rng.random() > 0.02 else "PINDAH DOMISILI",
                    "" if rng.random() > 0.1 else f"08{rng.randrange(10**9, 10**10)}",
                ]
                for c, v in enumerate(row):
                    if isinstance(v, str):
                        if v:
                            ws.write_string(r, c, v)
                    elif isinstance(v, dt.datetime):
                        ws.write_datetime(r, c, v, date_format)
                    else:
                        ws.write_number(r, c, v)
                r += 1
    wb.close()
    tmp.rename(out)
    print(f"{no} pemilih -> {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return out


if __name__ == "__main__":
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else None
    main(inline="--inline" in sys.argv, rows=rows)
