"""KPU's national open-data recap of the DPT, written the way the download looks: one row per
kab/kota for the whole country, the province and the kab/kota named without codes in capitals
(`PROBOLINGGO` for the kabupaten, `KOTA PROBOLINGGO` for the city; a few rows as older exports
write them: `KAB. …`, an old name, `KAB. ADM. …`), a title, a three-row merged header
(`DAFTAR PEMILIH TETAP` over `JUMLAH PEMILIH` over `L | P | L+P`), the `(1) (2) …` numbering row,
a grand total row of =SUM formulas with their cached values (as Excel saves them), and the source
notes and signature under the table. Counts are invented, seeded, and returned with the file."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent

# How some KPU exports write a kab/kota that Kemendagri names otherwise (the code is Kemendagri's).
VARIAN = {
    "12.12": "KAB. TOBA SAMOSIR",
    "76.01": "MAMUJU UTARA",
    "81.03": "MALUKU TENGGARA BARAT",
    "73.01": "SELAYAR",
    "73.10": "PANGKAJENE KEPULAUAN",
    "71.09": "SIAU TAGULANDANG BIARO",
    "64.02": "KUTAI KERTANEGARA",
    "31.01": "KAB. ADM. KEPULAUAN SERIBU",
    "74.06": "KAB. BOMBANA",
    "74.72": "KOTA BAUBAU",
}
JUDUL = [
    "REKAPITULASI DAFTAR PEMILIH TETAP (DPT)",
    "PEMILIHAN SERENTAK GUBERNUR, BUPATI DAN WALI KOTA TAHUN 2024",
    "TINGKAT NASIONAL",
]
PERTAMA = len(JUDUL) + 6  # the Excel row of the first kab/kota (title, blank, 3 header rows, numbering)
CATATAN = [
    "Sumber: Sistem Informasi Data Pemilih (Sidalih), diunduh dari opendata.kpu.go.id",
    "Keterangan: data per kabupaten/kota",
    "Jakarta, 20 November 2024",
    "KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA",
    "KETUA,",
    "",
    "MOCHAMMAD AFIFUDDIN",
]


@dataclass
class Baris:
    kode: str  # Kemendagri code of the kab/kota
    provinsi: str  # as written in the file
    kabkota: str  # as written in the file
    tps: int
    l: int  # noqa: E741
    p: int

    @property
    def dpt(self) -> int:
        return self.l + self.p


def kabkota_reference() -> list[dict[str, str]]:
    with (ROOT / "reference" / "kabkota.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def nama_kpu(kode: str, nama: str) -> str:
    """How KPU writes a Kemendagri kab/kota name: capitals, no `KABUPATEN`, `KOTA X` for a city
    (`Kota Administrasi Jakarta Pusat` is `KOTA JAKARTA PUSAT`), `Kep.` written out."""
    if kode in VARIAN:
        return VARIAN[kode]
    words = nama.replace("Kep.", "Kepulauan").upper().split()
    if words[0] == "KABUPATEN":
        words = words[1:]
    if words[1:2] == ["ADMINISTRASI"]:
        words = [words[0], *words[2:]]
    return " ".join(words)


def rows(seed: int = 2024, prefix: str = "") -> list[Baris]:
    """One row per kab/kota of reference/kabkota.csv whose code starts with `prefix`."""
    rnd = random.Random(seed)
    out = []
    for r in kabkota_reference():
        if not r["kode"].startswith(prefix):
            continue
        tps = rnd.randint(150, 3_500)
        l = tps * rnd.randint(100, 130)  # noqa: E741
        p = l + rnd.randint(-1_500, 1_500)
        out.append(Baris(r["kode"], r["provinsi"].upper(), nama_kpu(r["kode"], r["nama"]), tps, l, p))
    return out


def write(path: Path, data: list[Baris]) -> Path:
    """The recap as KPU's download: see the module's docstring. The grand total is the last row of
    the table (`TOTAL`), under it the notes and signature."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("DPT PER KABKOTA")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    num = wb.add_format({"num_format": "#,##0", "border": 1})
    for r, text in enumerate(JUDUL):
        ws.merge_range(r, 0, r, 8, text, bold)
    h = len(JUDUL) + 1  # header rows h, h+1, h+2 (0-based)
    for c, text in enumerate(
        ["NO", "PROVINSI", "KABUPATEN/KOTA", "JUMLAH KECAMATAN", "JUMLAH KELURAHAN/DESA", "JUMLAH TPS"]
    ):
        ws.merge_range(h, c, h + 2, c, text, bold)
    ws.merge_range(h, 6, h, 8, "DAFTAR PEMILIH TETAP", bold)
    ws.merge_range(h + 1, 6, h + 1, 8, "JUMLAH PEMILIH", bold)
    for c, text in enumerate(["L", "P", "L+P"], 6):
        ws.write(h + 2, c, text, bold)
    for c in range(9):
        ws.write(h + 3, c, f"({c + 1})", bold)
    first = h + 4
    kecamatan = _counts()
    for i, b in enumerate(data):
        r = first + i
        kec, desa = kecamatan.get(b.kode, (0, 0))
        ws.write_row(r, 0, [i + 1, b.provinsi, b.kabkota, kec, desa, b.tps, b.l, b.p])
        ws.write_formula(r, 8, f"=G{r + 1}+H{r + 1}", num, b.dpt)
    total = first + len(data)
    ws.merge_range(total, 0, total, 2, "TOTAL", bold)
    sums = {
        3: sum(kecamatan.get(b.kode, (0, 0))[0] for b in data),
        4: sum(kecamatan.get(b.kode, (0, 0))[1] for b in data),
        5: sum(b.tps for b in data),
        6: sum(b.l for b in data),
        7: sum(b.p for b in data),
        8: sum(b.dpt for b in data),
    }
    for c, value in sums.items():
        col = "ABCDEFGHI"[c]
        ws.write_formula(total, c, f"=SUM({col}{first + 1}:{col}{total})", num, value)
    for i, line in enumerate(CATATAN):
        if line:
            ws.write(total + 2 + i, 1 if i < 2 else 6, line)
    wb.close()
    return path


def _counts() -> dict[str, tuple[int, int]]:
    """kab/kota code -> (kecamatan, desa/kelurahan) of the national reference."""
    from reference import nasional

    out: dict[str, tuple[int, int]] = {}
    for r in nasional.rows("kecamatan", "nasional"):
        kec, desa = out.get(r["kode_kabkota"], (0, 0))
        out[r["kode_kabkota"]] = (kec + 1, desa + int(r["jumlah_desa"] or 0))
    return out
