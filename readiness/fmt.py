"""Indonesian (id-ID) formatting of numbers, percents and dates: the one place it is done.

Every figure a user sees goes through here, so `872.218`, `98,03%` and `20 November 2024`
look the same on every page, chart, export and slide.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import sys

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, parse_pattern

LOCALE = "id_ID"
# The locale and number patterns parsed once: babel parses both on every call otherwise (48 µs a
# figure against 8 µs), and a nation's page words thousands of figures.
_LOCALE = Locale.parse(LOCALE)
MISSING = "–"


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        # pandas' missing value of a whole-number column (Int64): only there when pandas is loaded
        pandas = sys.modules.get("pandas")
        return pandas is not None and value is pandas.NA


def angka(value, decimals: int = 0) -> str:
    """A count or measure: `872.218`, `57,2` (decimals fixed)."""
    if _missing(value):
        return MISSING
    return format_decimal(value, format=_pola(decimals), locale=_LOCALE)


@functools.lru_cache(maxsize=8)
def _pola(decimals: int):
    """`#,##0` with `decimals` fixed decimals, parsed."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def besar(value) -> str:
    """A headline count that stays short enough for a figure card: `872.218`, `5.201.767`, and from
    ten million on `216,7 juta` (the whole count belongs in the line under it)."""
    if _missing(value) or abs(value) < 10_000_000:
        return angka(value)
    return f"{angka(value / 1_000_000, 1)} juta"


def persen(value, decimals: int = 2) -> str:
    """A percent given on the 0–100 scale: `98,03%`."""
    if _missing(value):
        return MISSING
    return angka(value, decimals) + "%"


# Turnout and its targets (a kecamatan's, a korwil's, the region's; so far on election day) are
# read to one decimal on every page, slide and export: `82,0%`, `73,4%`.
PARTISIPASI_DESIMAL = 1


def partisipasi(value) -> str:
    """A turnout or a turnout target on the 0–100 scale: `82,0%`, `73,4%`."""
    return persen(value, PARTISIPASI_DESIMAL)


def daftar_nama(names) -> str:
    """`Lumbang`, `Lumbang dan Tiris`, `Kuripan, Lumbang dan Tiris`."""
    names = [str(n) for n in names]
    return ", ".join(names[:-1]) + " dan " + names[-1] if len(names) > 1 else "".join(names)


# A coverage names its kecamatan up to this many; past it, those still missing when as few.
CAKUPAN_NAMA = 5


def cakupan(sumber: str, nama, semua, satuan: str = "kecamatan") -> str:
    """Which places a partial figure counts: `dari daftar pemilih 1 kecamatan: Lumbang`,
    `dari data KTP-el 22 dari 24 kecamatan (belum: Krucil dan Tiris)`, `dari data KTP-el seluruh
    24 kecamatan`; `nama` the places the figure counts, `semua` every place of the region."""
    nama, semua = list(dict.fromkeys(nama)), list(dict.fromkeys(semua))
    belum = [s for s in semua if s not in set(nama)]
    if not belum:
        return f"dari {sumber} seluruh {angka(len(semua))} {satuan}"
    if len(nama) <= CAKUPAN_NAMA:
        return f"dari {sumber} {angka(len(nama))} {satuan}" + (f": {daftar_nama(nama)}" if nama else "")
    rest = f" (belum: {daftar_nama(belum)})" if len(belum) <= CAKUPAN_NAMA else ""
    return f"dari {sumber} {angka(len(nama))} dari {angka(len(semua))} {satuan}{rest}"


def tanggal(value: dt.date | dt.datetime | None) -> str:
    """`20 November 2024`."""
    if value is None:
        return MISSING
    return format_date(value, "d MMMM y", locale=LOCALE)


def tanggal_singkat(value: dt.date | dt.datetime | None) -> str:
    """`20 Nov 2024`: a date in a table's narrow column."""
    if value is None or _missing(value):
        return MISSING
    return format_date(value, "d MMM y", locale=LOCALE)


def tanggal_jam(value: dt.datetime | None, zona: str = "WIB") -> str:
    """`20 November 2024 14.00 WIB` (the time is shown as stored: local time of the desk)."""
    if value is None:
        return MISSING
    return format_datetime(value, "d MMMM y HH.mm", locale=LOCALE) + f" {zona}"


def ringkas(value) -> str:
    """A threshold or setting without needless decimals: `98`, `0,5`, `57,2`."""
    if _missing(value):
        return MISSING
    if float(value).is_integer():
        return angka(value)
    text = angka(value, 2).rstrip("0")
    return text.rstrip(",")


def jam(value: dt.datetime | dt.time | None, detik: bool = False) -> str:
    """`14.05` (or `14.05.33`): a time of day as the desk reads it."""
    if value is None or _missing(value):
        return MISSING
    return value.strftime("%H.%M.%S" if detik else "%H.%M")


def waktu(value: dt.datetime | None) -> str:
    """`20 November 2024 14.05`: a moment shown to users (a report received, a trail row), in
    the desk's local time as stored."""
    if value is None or _missing(value):
        return MISSING
    return format_datetime(value, "d MMMM y HH.mm", locale=LOCALE)
