"""A cell's text as the column reader (fastexcel) writes it, so that a sheet read in batches gives
the same texts as one read whole: a number as Rust writes a float (`1`, `1.5`, `0.0000001`), a number
with a date format as its date and time, a shared string looked up, a boolean `true`/`false`."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile

import pyarrow as pa
import pyarrow.compute as pc

from .shared_table import SharedStrings

_PLAIN_INTEGER = r"^-?(0|[1-9][0-9]{0,14})$"


def number_text(text: str) -> str:
    """A number cell as the column reader writes it: an integral value as an integer, any other
    rounded to 9 decimals, never with an exponent (`1E-07` -> `0.0000001`, `2/3` -> `0.666666667`)."""
    try:
        value = float(text)
    except ValueError:
        return text
    if value != value or value in (float("inf"), float("-inf")):
        return text
    if value.is_integer() and abs(value) < 2**63:
        return str(int(value))
    written = format(value, ".9f").rstrip("0").rstrip(".")
    return "0" if written == "-0" else written


# Built-in number formats that are dates or times (ECMA-376 18.8.30; 27–36 and 50–58 are East Asian).
_DATE_FORMATS = {*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)}
_NOT_IN_CODE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def date_styles(archive: zipfile.ZipFile) -> tuple[frozenset[int], bool]:
    """The cell styles (`s="N"`) whose number format is a date or time, and whether the workbook
    counts days from 1904: the column reader writes such a number as a date and time."""
    names = set(archive.namelist())
    date1904 = False
    if "xl/workbook.xml" in names:
        date1904 = bool(re.search(rb'date1904="(1|true)"', archive.read("xl/workbook.xml")))
    if "xl/styles.xml" not in names:
        return frozenset(), date1904
    root = ET.fromstring(archive.read("xl/styles.xml"))
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    dates = set(_DATE_FORMATS)
    for fmt_ in root.iter(f"{ns}numFmt"):
        code = _NOT_IN_CODE.sub("", fmt_.get("formatCode", "")).lower()
        if any(ch in code for ch in "dmyhs") and fmt_.get("numFmtId", "").isdigit():
            dates.add(int(fmt_.get("numFmtId")))
    xfs = next(root.iter(f"{ns}cellXfs"), None)
    styles = [] if xfs is None else list(xfs.iter(f"{ns}xf"))
    found = {
        i for i, xf in enumerate(styles) if xf.get("numFmtId", "0").isdigit() and int(xf.get("numFmtId", "0")) in dates
    }
    return frozenset(found), date1904


def date_text(text: str, date1904: bool) -> str:
    """A number with a date format as the column reader writes it: `1990-05-03 00:00:00`, with
    milliseconds when it has some."""
    try:
        serial = float(text)
    except ValueError:
        return text
    if date1904:
        base = dt.datetime(1904, 1, 1)
    else:  # Excel counts 29-02-1900, which never was: days before it are one day later
        base = dt.datetime(1899, 12, 31) if serial < 60 else dt.datetime(1899, 12, 30)
    try:
        value = base + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return text
    written = value.strftime("%Y-%m-%d %H:%M:%S")
    return written + (f".{value.microsecond // 1000:03d}" if value.microsecond else "")


def resolved(values: pa.Array, kinds: pa.Array, style: pa.Array | None, shared: pa.Array | None, dates) -> pa.Array:
    """Each cell's text: a shared string looked up, a number as the column reader writes it (a date
    when its style is a date format), a boolean as `true`/`false`."""
    date_styles, date1904 = dates
    if date_styles:
        is_date = pc.and_(pc.equal(kinds, 1), pc.is_in(style, value_set=pa.array(sorted(date_styles), pa.int32())))
        is_date = pc.fill_null(is_date, False)
        if pc.any(is_date).as_py():
            plain = values.to_pylist()
            for i in pc.indices_nonzero(is_date).to_pylist():
                plain[i] = date_text(plain[i], date1904)
            values = pa.array(plain, pa.string())
            kinds = pc.if_else(is_date, pa.scalar(0, pa.int8()), kinds)
    is_shared = pc.equal(kinds, 2)
    if pc.any(is_shared).as_py():
        if shared is None:
            shared = SharedStrings.of(pa.array([], pa.string()))
        index = pc.if_else(is_shared, values, pa.scalar(None, pa.string())).cast(pa.int64())
        values = pc.if_else(is_shared, shared.take(index), values)
    numbers = pc.indices_nonzero(pc.equal(kinds, 1))
    if len(numbers):  # only the numbers that are not plain integers are rewritten
        written = pc.take(values, numbers)
        odd = pc.filter(numbers, pc.invert(pc.fill_null(pc.match_substring_regex(written, _PLAIN_INTEGER), True)))
        if len(odd):
            plain = values.to_pylist()
            for i in odd.to_pylist():
                plain[i] = number_text(plain[i])
            values = pa.array(plain, pa.string())
    is_bool = pc.equal(kinds, 3)
    if pc.any(is_bool).as_py():
        values = pc.if_else(is_bool, pc.if_else(pc.equal(values, "1"), "true", "false"), values)
    return values
