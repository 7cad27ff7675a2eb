"""Reading cell values the way Indonesian exports write them.

Counts: `35.412`, `1.234.567` (Indonesian thousands), `35,412` (English thousands, some
exports), `35412`, `35412.0`; a count that is not whole (`35,4`) is refused. Percents:
`97,85%`, `97,85`, `97.85`, and `0.9785` from a cell Excel formats as percent. Dates: Excel dates, `27-11-2024`, `27/11/2024`,
`2024-11-27`, `27 November 2024`.
"""

from __future__ import annotations

import datetime as dt
import re

BULAN = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "nopember": 11,
    "desember": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "nop": 11,
    "des": 12,
}

_INT = re.compile(r"^[+-]?\d+$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,0+)?$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.0+)?$")
_WHOLE_DECIMAL = re.compile(r"^[+-]?\d+[.,]0+$")
_EMPTY = {"", "-", "–", "—"}


class ParseError(ValueError):
    """The message is Indonesian and names what was found, not where (the caller adds that)."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("",))


_SATUAN = re.compile(r"(?<=\d)(?:org|orang|jiwa)\.?$", re.IGNORECASE)  # `1.234 org`: the unit, not the count


def parse_count(value) -> int | None:
    """A whole, non-negative number of people, TPS, …; 0 for a dash (`-`, `–`, `—`: nihil), None
    when the cell is empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError(f"'{value}' bukan angka")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or not value.is_integer():
            raise ParseError(f"{_show(value)} bukan bilangan bulat")
        number = int(value)
    else:
        text = _SATUAN.sub("", str(value).strip().replace("\u00a0", "").replace(" ", ""))
        if text in _EMPTY:  # a dash is "nihil" (none), as in BPS and KPU tables; only an empty cell is unknown
            return 0 if text else None
        if _INT.match(text):
            number = int(text)
        elif _THOUSANDS_DOT.match(text):
            number = int(text.split(",")[0].replace(".", ""))
        elif _THOUSANDS_COMMA.match(text):
            number = int(text.split(".")[0].replace(",", ""))
        elif _WHOLE_DECIMAL.match(text):
            number = int(re.split(r"[.,]", text)[0])
        elif not any(c.isdigit() for c in text):  # `belum dihitung`, `KETUA`: words, not a mistyped number
            raise ParseError(f"'{value}' berupa teks di kolom angka; isi jumlahnya dengan angka")
        else:
            raise ParseError(f"'{value}' bukan bilangan bulat")
    if number < 0:
        raise ParseError(f"{number} negatif; jumlah tidak boleh negatif")
    return number


def percent_text(value) -> bool:
    return isinstance(value, str) and value.strip().endswith("%")


def parse_number(value) -> float | None:
    """A measure with an optional decimal comma or point (`97,85`, `97.85`, `1.234,5`)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError(f"'{value}' bukan angka")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if text in _EMPTY:
        return None
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ParseError(f"'{value}' bukan angka") from None


def parse_percent(value) -> float | None:
    """A percent on the 0–100 scale. A value above 0 and at most 1 without a % sign is a
    fraction: that is how Excel stores a percent-formatted cell (0,9785 shown as 97,85%), and
    no coverage, participation or target in this domain is really 1% or less."""
    number = parse_number(value)
    if number is None:
        return None
    if 0 < number <= 1 and not percent_text(value):
        number *= 100
    if number < 0 or number > 100:
        raise ParseError(f"{_show(number)}% di luar 0–100%")
    return round(number, 6)


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DMY_PENDEK = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})$")
_HARI = re.compile(r"^(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\s*,?\s+", re.IGNORECASE)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_D_BULAN_Y = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")


def parse_date(value, tahun_pendek: bool = False) -> dt.date | None:
    """A date cell: a real date, an Excel serial day, `27-11-2024`, `27/11/2024`, `2024-11-27`,
    `27 Nov 2024`, `Rabu, 27 November 2024`. `tahun_pendek`: also `27-11-24` (2024), as people
    type the date of an event; never for a birth date, whose century a two-digit year hides."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # An Excel serial day number that reached us without its date format.
        if 1 <= value < 80000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ParseError(f"{_show(value)} bukan tanggal")
    text = _HARI.sub("", str(value).strip())
    if text in _EMPTY:
        return None
    try:
        if tahun_pendek and (m := _DMY_PENDEK.match(text)):
            return dt.date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _DMY.match(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _YMD.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _D_BULAN_Y.fullmatch(text):
            month = BULAN.get(m.group(2).lower())
            if month:
                return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        pass
    raise ParseError(f"'{text}' bukan tanggal yang dikenali (contoh: 27-11-2024)")


def find_date_in_text(text: str) -> dt.date | None:
    """A date mentioned in a title row: `KEADAAN PER 20 NOVEMBER 2024`, `s.d. 20-11-2024`."""
    for m in _D_BULAN_Y.finditer(text):
        month = BULAN.get(m.group(2).lower())
        if month:
            try:
                return dt.date(int(m.group(3)), month, int(m.group(1)))
            except ValueError:
                continue
    for m in re.finditer(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text):
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
    return None


def _show(number) -> str:
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return str(number).replace(".", ",")
