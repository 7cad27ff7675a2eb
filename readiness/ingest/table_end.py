"""Where a table ends. Recaps from KPU, Dispendukcapil and the camat offices close with a signature
block and notes under the table — the place and date (`Probolinggo, 20 Agustus 2024`), the
signer's office (`KETUA KPU KABUPATEN …`, `Mengetahui,`, `a.n. …`), empty rows, the signer's name,
`NIP. 19700101 199503 1 001`, `Keterangan:`, `Sumber: …`, `*) …`, sometimes two signers side by
side — and none of that is data.

The rule, in one sentence (also in README.md, "Mengunggah data sendiri"): the table ends at its
last row that holds a number (a count, percent, NIK or TPS number; in a problem sheet also a date)
or a known kecamatan/desa name; every row below it is ignored. A totals row holds numbers, so a
file's grand total is its last row, while a subtotal (`JUMLAH KEC. …`) has data rows after it.
Rows above the end are read as before: a text in a count column there still rejects the file with
its row and column, and a real row that reads like a note (desa Sumber, desa Ketompen) names a
known place and is kept. Looking from the bottom keeps a row that merely looks odd inside the
table from cutting off the rows after it.

What the signature itself writes is not taken for data: a NIP written without `NIP.` (18 digits in
groups) is no count, and a place followed by a comma or a colon (`Kraksaan,` over a date cell,
`Sumber:` over the source) is the start of a signature or note line, not a place.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import fmt
from ..names import Gazetteer
from .cells import ParseError, is_blank, parse_date, parse_number

NAME_FIELDS = ("kecamatan", "desa")
# Per kind, the columns whose number shows that a row is data.
NUMBER_FIELDS = {
    "pemilih": ("tps", "dpt_l", "dpt_p", "dpt", "pemilih_pemula", "disabilitas"),
    "daftar": ("nik", "nkk", "tps", "dpid"),
    "tps": ("no_tps", "dpt_l", "dpt_p", "dpt", "lat", "lon"),
    "ktpel": ("wajib_ktpel", "sudah_rekam", "belum_rekam", "persen_rekam"),
    "target": ("target_partisipasi", "partisipasi_sebelumnya", "pengguna_hak_pilih"),
    "masalah": ("no_tps",),
    "lapor": ("no_tps", "hadir_l", "hadir_p"),
}
# A problem sheet has hardly a number in it; each of its rows has a date.
DATE_FIELDS = {"masalah": ("tanggal",)}

# A civil servant's NIP as it is written under a signature: 8 + 6 + 1 + 3 digits in groups.
_NIP = re.compile(r"\d{8}\s+\d{6}\s+\d\s+\d{3}")
WHAT = "tanda tangan/keterangan"


def fields(kind: str) -> tuple[str, ...]:
    """The columns `is_data` looks at for this kind."""
    return NAME_FIELDS + NUMBER_FIELDS[kind] + DATE_FIELDS.get(kind, ())


def holds_number(value) -> bool:
    if value is None or isinstance(value, (bool, dt.date, dt.datetime, dt.time)):
        return False
    if isinstance(value, str) and _NIP.fullmatch(value.strip()):
        return False
    try:
        return parse_number(value) is not None
    except (ParseError, ValueError):
        return False


def holds_date(value) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if value is None or isinstance(value, (bool, int, float)):
        return False  # a bare number under a date header is no evidence of a date
    try:
        return parse_date(value, tahun_pendek=True) is not None
    except ParseError:
        return False


def names_place(value, gaz: Gazetteer) -> bool:
    """A known kecamatan or desa name. A name followed by a comma or a colon (`Kraksaan,` over a
    date, `Sumber:` over the source of the data) starts a line of the signature or the notes."""
    if not isinstance(value, str) or is_blank(value) or value.rstrip().endswith((",", ":")):
        return False
    return gaz.knows(value)


def is_data(cells: dict, kind: str, gaz: Gazetteer) -> bool:
    """Whether a row (field -> cell value) is data by the rule above."""
    return (
        any(names_place(cells.get(f), gaz) for f in NAME_FIELDS)
        or any(holds_number(cells.get(f)) for f in NUMBER_FIELDS[kind])
        or any(holds_date(cells.get(f)) for f in DATE_FIELDS.get(kind, ()))
    )


def describe(footers: list[tuple[str | None, int, int]]) -> str:
    """One line naming the ignored rows: (sheet or None, first, last Excel row) each."""
    if not footers:
        return ""
    parts = []
    for sheet, first, last in footers:
        rows = f"baris {fmt.angka(first)}" if first == last else f"baris {fmt.angka(first)}–{fmt.angka(last)}"
        parts.append(f"sheet '{sheet}' {rows}" if sheet else rows)
    return ", ".join(parts) + f" di bawah tabel diabaikan: {WHAT}"
