"""Tables out of the dashboard: Excel (.xlsx) and CSV, plus the on-screen version of the same table.

A table is described once by its columns (`Kolom`: source column, header, kind) and comes out
three ways from the same data, in the same order (`urut_status`: worst status first):
- `tampilan`: text for the screen, formatted id-ID (`872.218`, `98,03%`, `■ Belum siap`), and
  `to_html`, that text as a table a reader reads whole (long texts wrapped, numbers aligned);
- `to_xlsx`: numbers kept as numbers with id-ID number formats (`#,##0` shows `872.218` in an
  Indonesian Excel), a styled frozen header with autofilter, the title with the region it is
  about, the election, the data version and the disclaimer above it;
- `to_csv`: UTF-8 with BOM, `;` separated and decimal commas, which Indonesian Excel opens as is.
Every text cell of every export (CSV, xlsx, the command line's CSV) passes through `teks_sel`:
a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so no
spreadsheet program runs it as a formula, not even after the file is re-saved as CSV (a name
in an uploaded file can be anything). Numbers are not texts: a negative number stays a number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import math
import re
from dataclasses import dataclass

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from . import fmt, teks

# What spreadsheet programs read as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def teks_sel(value: str) -> str:
    """A text for a spreadsheet cell, neutralised: `=1+1` becomes `'=1+1`; other texts as they are."""
    return "'" + value if value.startswith(FORMULA_START) else value


def teks_tabel(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every text cell passed through `teks_sel` (numbers, dates and empty
    cells untouched), for a CSV written by pandas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: teks_sel(v) if isinstance(v, str) else v)
    return out


class LembarAman(Worksheet):
    """A worksheet whose every text cell (write, write_string) is neutralised by `teks_sel`."""

    def _write_string(self, row, col, string, cell_format=None):
        return super()._write_string(row, col, teks_sel(string), cell_format)


class BukuAman(xlsxwriter.Workbook):
    """An xlsx workbook whose worksheets are `LembarAman`, and which never turns a text into a
    formula, a link or a number."""

    worksheet_class = LembarAman

    def __init__(self, filename, options: dict | None = None):
        super().__init__(
            filename,
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, **(options or {})},
        )


KINDS = ("teks", "angka", "desimal", "persen", "status", "tanggal", "daftar")


@dataclass(frozen=True)
class Kolom:
    """One column of a table: where its value comes from, its header, and how it is shown.

    jenis: teks | angka (whole number) | desimal | persen (0–100) | status (hijau/kuning/merah)
    | tanggal | daftar (a list of texts, joined with "; ")."""

    sumber: str
    judul: str
    jenis: str = "teks"
    desimal: int | None = None
    lebar: bool = False  # long text (reasons): shown in a wide column
    opsional: bool = False  # left out of the table when no row has a value

    def __post_init__(self):
        if self.jenis not in KINDS:
            raise ValueError(f"unknown column kind {self.jenis!r}")


def dengan_judul(kolom: list[Kolom], **judul: str) -> list[Kolom]:
    """The columns with some headers given by source column: `dengan_judul(KOLOM, desa="Kelurahan")`."""
    return [dataclasses.replace(k, judul=judul[k.sumber]) if k.sumber in judul else k for k in kolom]


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _status_label(value) -> str:
    if not isinstance(value, str) or value not in teks.STATUS:
        return teks.TIDAK_ADA_DATA
    return f"{teks.STATUS_IKON[value]} {teks.STATUS[value]}"


def _decimals(kolom: Kolom) -> int:
    if kolom.desimal is not None:
        return kolom.desimal
    return {"persen": 2, "desimal": 1}.get(kolom.jenis, 0)


def _screen(value, kolom: Kolom) -> str:
    if kolom.jenis == "status":
        return _status_label(value)
    if kolom.jenis == "daftar":
        return "; ".join(value) if isinstance(value, (list, tuple)) else ("" if _missing(value) else str(value))
    if _missing(value):
        return fmt.MISSING
    if kolom.jenis == "angka":
        return fmt.angka(value)
    if kolom.jenis == "desimal":
        return fmt.angka(value, _decimals(kolom))
    if kolom.jenis == "persen":
        return fmt.persen(value, _decimals(kolom))
    if kolom.jenis == "tanggal":
        return fmt.tanggal(value)
    return str(value)


def pilih_kolom(df: pd.DataFrame, kolom: list[Kolom]) -> list[Kolom]:
    """The columns to show: optional ones only when some row has a value."""
    return [k for k in kolom if not k.opsional or any(not _missing(v) and v != "" for v in df[k.sumber])]


def tampilan(df: pd.DataFrame, kolom: list[Kolom]) -> pd.DataFrame:
    """The table as the screen shows it: every value formatted id-ID as text."""
    return pd.DataFrame({k.judul: [_screen(v, k) for v in df[k.sumber]] for k in kolom}, index=range(len(df)))


def urut_status(df: pd.DataFrame, kolom: list[Kolom]) -> pd.DataFrame:
    """The rows worst first by the table's first status column (Belum siap, Perlu perhatian,
    Siap, then no data), keeping the order they came in within a status; a table without a
    status column as it is."""
    status = next((k.sumber for k in kolom if k.jenis == "status"), None)
    if status is None or df.empty:
        return df
    rank = [teks.PERINGKAT_STATUS.get(v, 3) if isinstance(v, str) else 3 for v in df[status]]
    return df.iloc[sorted(range(len(df)), key=rank.__getitem__)].reset_index(drop=True)  # sorted() is stable


# Columns whose text is a figure: aligned right and never broken over two lines.
ANGKA = ("angka", "desimal", "persen")


# A cell that is an id-ID figure (`872.218`, `98,03%`, `-1,5`) or the sign of a missing one.
_FIGURE = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?%?|" + re.escape(fmt.MISSING))


def kolom_angka(teks_df: pd.DataFrame) -> list[str]:
    """The columns of a table of texts whose every cell is a figure (or missing), some figure."""
    return [
        c
        for c in teks_df.columns
        if len(teks_df)
        and all(isinstance(v, str) and _FIGURE.fullmatch(v) for v in teks_df[c])
        and any(v != fmt.MISSING for v in teks_df[c])
    ]


# A cell this short (a date `20 Nov 2024`, a korwil `Wilayah III`, a status) is read as one word:
# broken over two lines it reads as two.
UTUH_MAKS = 16


def kolom_utuh(teks_df: pd.DataFrame) -> list[str]:
    """The columns of a table of texts whose every cell is short enough to keep on one line."""
    return [c for c in teks_df.columns if len(teks_df) and all(len(str(v)) <= UTUH_MAKS for v in teks_df[c])]


# The room a table of texts needs to be read as a table (lebar_perlu), in pixels of the reading
# table's type (about 14 px): a character, a cell's padding, the fewest characters a line of a
# long text (a reason, a description) or of another wrapped text is given.
HURUF_PX = 6.2
SEL_PX = 15
BARIS_PANJANG = 16
BARIS_TEKS = 8


def lebar_perlu(teks_df: pd.DataFrame, angka=None, panjang=()) -> int:
    """How wide (pixels) a box must be to show this table of texts (to_html) as a table without
    sideways scrolling: figures and short cells on one line, long texts wrapped to lines of at
    least BARIS_PANJANG characters, other texts of BARIS_TEKS (or their longest word), headers
    wrapped between words. Narrower, the page reads it row by row (app/layar.py)."""
    angka = kolom_angka(teks_df) if angka is None else angka
    utuh = kolom_utuh(teks_df)
    total = 0.0
    for c in teks_df.columns:
        cells = [str(v) for v in teks_df[c]]
        kata = max((len(w) for v in cells for w in v.split()), default=0)
        sel = max((len(v) for v in cells), default=0)
        if c in angka or c in utuh:
            isi = sel
        else:
            isi = max(kata, min(sel, BARIS_PANJANG if c in panjang else BARIS_TEKS))
        judul = max((len(w) for w in str(c).split()), default=0) * 1.08  # headers are bold
        total += max(isi, judul) * HURUF_PX + SEL_PX
    return int(total + 0.5)


def to_html(teks_df: pd.DataFrame, angka=None, panjang=(), tautan=None) -> str:
    """A table of texts (`tampilan`) as an HTML table, every character shown as itself; the
    columns named in `angka` (figures; None: those `kolom_angka` finds) get the class `angka`,
    those in `panjang` (long texts: reasons, descriptions) `panjang`, those of short cells only
    (kolom_utuh: dates, names of one or two words) `utuh`. The page's style sheet wraps the other
    texts and keeps `utuh` cells on one line (app/layar.py). `tautan`: a link (or None) per row, put on its first cell."""
    angka = kolom_angka(teks_df) if angka is None else angka
    utuh = kolom_utuh(teks_df)
    classes = [
        ' class="angka"'
        if c in angka
        else (' class="panjang"' if c in panjang else (' class="utuh"' if c in utuh else ""))
        for c in teks_df.columns
    ]
    head = "".join(f'<th scope="col"{c}>{html.escape(str(name))}</th>' for c, name in zip(classes, teks_df.columns))
    links = list(tautan) if tautan is not None else [None] * len(teks_df)

    # Each cell names its column (`data-kolom`): a table read row by row on a narrow screen shows
    # the name beside the value (app/layar.py).
    names = [f' data-kolom="{html.escape(str(name))}"' for name in teks_df.columns]

    def cell(i: int, c: str, v, link) -> str:
        text = html.escape(str(v))
        if i == 0 and link:
            text = f'<a href="{html.escape(link)}" target="_self">{text}</a>'
        return f"<td{c}{names[i]}>{text}</td>"

    body = "".join(
        "<tr>" + "".join(cell(i, c, v, link) for i, (c, v) in enumerate(zip(classes, row))) + "</tr>"
        for row, link in zip(teks_df.itertuples(index=False), links)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _file_value(value, kolom: Kolom):
    if kolom.jenis == "status":
        return _status_label(value) if isinstance(value, str) else None
    if kolom.jenis == "daftar":
        return "; ".join(value) if isinstance(value, (list, tuple)) else (None if _missing(value) else str(value))
    if _missing(value):
        return None
    if kolom.jenis == "angka":
        return int(value)
    if kolom.jenis in ("desimal", "persen"):
        return float(value)
    if kolom.jenis == "tanggal":
        return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return value


def ekspor(df: pd.DataFrame, kolom: list[Kolom]) -> pd.DataFrame:
    """The table for a file: numbers stay numbers, missing stays empty, headers in Indonesian.
    `attrs['formats']` carries each column's kind for `to_xlsx`."""
    out = pd.DataFrame(
        {k.judul: pd.Series([_file_value(v, k) for v in df[k.sumber]], dtype="object") for k in kolom},
        index=range(len(df)),
    )
    out.attrs["formats"] = {k.judul: (k.jenis, _decimals(k)) for k in kolom}
    return out


# --------------------------------------------------------------------------- xlsx
def judul_wilayah(title: str, wilayah: str | None) -> str:
    """`Status kesiapan per kecamatan — Kota Probolinggo`: a file's title naming its region."""
    return f"{title} — {wilayah}" if wilayah else title


def _number_format(jenis: str, decimals: int) -> str | None:
    places = "." + "0" * decimals if decimals else ""
    return {
        "angka": "#,##0",
        "desimal": "#,##0" + places,
        "persen": "#,##0" + places + '"%"',  # the value is on the 0–100 scale, as on screen
        "tanggal": "d mmmm yyyy",
    }.get(jenis)


def _infer(series: pd.Series) -> tuple[str, int]:
    values = [v for v in series if not _missing(v)]
    if values and all(isinstance(v, (dt.date, dt.datetime, pd.Timestamp)) for v in values):
        return "tanggal", 0
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        if all(float(v).is_integer() for v in values):
            return "angka", 0
        return "desimal", 2
    return "teks", 0


def buku(buffer, title: str) -> tuple[xlsxwriter.Workbook, dict]:
    """A workbook for an export: every text written as text, neutralised (`BukuAman`), the disclaimer in its properties, and the house formats
    `judul` (title), `catatan` (note), `peringatan` (the disclaimer line) and `kepala` (header)."""
    wb = BukuAman(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    wb.set_properties({"title": title, "comments": teks.DISCLAIMER})
    return wb, {
        "judul": wb.add_format({"bold": True, "font_size": 14}),
        "catatan": wb.add_format({"italic": True, "font_color": "#444444"}),
        "peringatan": wb.add_format({"bold": True, "font_color": "#c62828"}),
        "kepala": wb.add_format(
            {
                "bold": True,
                "bg_color": "#1f3b57",
                "font_color": "#ffffff",
                "border": 1,
                "text_wrap": True,
                "valign": "top",
            }
        ),
    }


def to_xlsx(
    df: pd.DataFrame,
    title: str,
    election_label: str,
    data_version_label: str,
    formats: dict | None = None,
    sheet: str = "Data",
    dibuat: dt.datetime | None = None,
    wilayah: str | None = None,
) -> bytes:
    """One sheet: title (`… — Kota Probolinggo` with the region's name `wilayah`), election, data
    version, disclaimer and creation time above a styled, frozen, filterable header; numbers as
    numbers with id-ID formats; missing values empty."""
    formats = formats or df.attrs.get("formats") or {}
    title = judul_wilayah(title, wilayah)
    buffer = io.BytesIO()
    wb, house = buku(buffer, title)
    ws = wb.add_worksheet(sheet[:31])
    f_title, f_note, f_warn, f_head = house["judul"], house["catatan"], house["peringatan"], house["kepala"]
    dibuat = dibuat or dt.datetime.now().replace(microsecond=0)
    ws.write_string(0, 0, title, f_title)
    ws.write_string(1, 0, f"Pemilihan: {election_label}", f_note)
    ws.write_string(2, 0, f"Sumber: {data_version_label}", f_note)
    ws.write_string(3, 0, f"Dibuat: {fmt.tanggal_jam(dibuat)}", f_note)
    ws.write_string(4, 0, teks.DISCLAIMER, f_warn)
    header = 6
    cell_formats = {}
    for c, name in enumerate(df.columns):
        jenis, decimals = formats.get(name) or _infer(df[name])
        number_format = _number_format(jenis, decimals)
        cell_formats[name] = (jenis, wb.add_format({"num_format": number_format}) if number_format else None)
        ws.write_string(header, c, str(name), f_head)
        texts = [len(str(name))] + [
            len(_screen(v, Kolom(name, name, jenis if jenis != "status" else "teks", decimals)))
            for v in df[name].head(500)
        ]
        ws.set_column(c, c, min(max(texts) + 2, 60))
    for r, row in enumerate(df.itertuples(index=False), start=header + 1):
        for c, (name, value) in enumerate(zip(df.columns, row)):
            jenis, cell_format = cell_formats[name]
            if _missing(value):
                continue  # missing stays empty, never 0
            if isinstance(value, bool):
                ws.write_string(r, c, "ya" if value else "tidak")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, float(value), cell_format)
            elif isinstance(value, (dt.datetime, pd.Timestamp)):
                ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), cell_format)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), cell_format)
            else:
                ws.write_string(r, c, str(value))  # neutralised by LembarAman
    ws.freeze_panes(header + 1, 0)
    ws.autofilter(header, 0, header + max(len(df), 1), max(len(df.columns) - 1, 0))
    wb.close()
    return buffer.getvalue()


# --------------------------------------------------------------------------- csv
def _csv_cell(value):
    if _missing(value):
        return ""
    if isinstance(value, str):
        return teks_sel(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        value = pd.Timestamp(value)
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if hasattr(value, "item"):  # numpy scalars
        return _csv_cell(value.item())
    return str(value)


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, `;` separated, decimal comma, missing values empty."""
    clean = pd.DataFrame({col: [_csv_cell(v) for v in df[col]] for col in df.columns}, dtype="object")
    text = clean.to_csv(sep=";", index=False, lineterminator="\r\n")
    return "\ufeff".encode("utf-8") + text.encode("utf-8")


def _slug(text: str) -> str:
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part)


def nama_berkas(judul: str, election: str, ext: str, wilayah: str | None = None) -> str:
    """`dpt-per-kecamatan_pilkada-2024.xlsx`; with the region's name,
    `dpt-per-kecamatan_pilkada-2024_kota-probolinggo.csv`. A CSV names its region in its file name:
    a title row above the header would open in Excel but break every tool that reads the file as
    a table (and our own upload of it), and CSV has no place for a note (an xlsx export names the
    region in its title rows, to_xlsx)."""
    name = f"{_slug(judul)}_{election}"
    if wilayah:
        name += f"_{_slug(wilayah)}"
    return f"{name}.{ext}"
