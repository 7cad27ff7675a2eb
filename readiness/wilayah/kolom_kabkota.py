"""The kab/kota of each row of a file for a province or the nation: its Kabupaten/Kota column
(`KAB. BOMBANA`, `Kota Kendari`, `74.06`; written once in a cell merged down over its rows, or
only on the first of them), so that its kecamatan is matched within that kab/kota (names repeat:
a kecamatan 'Kuripan' is in three kab/kota). A kab/kota installation's rows stay as they are: the
column can only name its own region there (berkas.check_rows refuses any other)."""

from __future__ import annotations

from ..ingest.cells import is_blank
from ..ingest.workbook import column_letter
from .berkas import KOTA, Wilayah, _kata, region_columns


def _cell(lay, i: int, col: int):
    sheet = lay.sheet
    row = sheet.rows[i]
    value = row[col] if col < len(row) else None
    if is_blank(value) and (i, col) in sheet.merged:
        top, left = sheet.merged[(i, col)]
        value = sheet.rows[top][left]
    return value


def kota_bertanda(values) -> bool:
    """Whether a Kabupaten/Kota column with these cells writes a city as `KOTA …` (KPU's recap:
    `PROBOLINGGO` is then the kabupaten, `KOTA PROBOLINGGO` the city)."""
    for value in values:
        words = _kata(value or "")
        if words[:1] and words[0] in KOTA and len(words) > 1:
            return True
    return False


def _kota_bertanda(raw_rows, lay, col: int) -> bool:
    return kota_bertanda(_cell(lay, raw.row - 1, col) for raw in raw_rows if raw.layout is lay)


def kode_sel(region: Wilayah, value, bertanda: bool) -> list[str]:
    """The codes of the region's kab/kota a cell of a Kabupaten/Kota column names (one when it
    names one; `PROBOLINGGO` in a column that writes cities `KOTA …` is the kabupaten)."""
    tempat = region.di_sel(value, "kabkota")
    kode = [k for k in tempat.kode if region.milik(k)] if tempat else []
    if len(kode) > 1 and bertanda and len(_kabupaten(kode)) == 1:
        kode = _kabupaten(kode)
    return kode


def _kabupaten(kode: list[str]) -> list[str]:
    """The kabupaten among kab/kota codes (Kemendagri numbers a kabupaten 01–69, a kota 71–99)."""
    return [k for k in kode if int(k[3:5]) < 71]


def tandai(result, raw_rows, region: Wilayah) -> bool:
    """Set each row's `kode_kabkota` from its Kabupaten/Kota column; refuse (True) with the row of
    the first cell that names no kab/kota of the region, or two of them."""
    if region.tingkat == "kabkota":
        return False
    columns: dict[int, int | None] = {}
    last: dict[int, str | None] = {}
    bertanda: dict[int, bool] = {}
    for raw in raw_rows:
        lay = raw.layout
        if id(lay) not in columns:
            columns[id(lay)] = next((c for c, jenis in region_columns(lay) if jenis == "kabkota"), None)
            if columns[id(lay)] is not None:
                bertanda[id(lay)] = _kota_bertanda(raw_rows, lay, columns[id(lay)])
        col = columns[id(lay)]
        if col is None:
            continue
        value = _cell(lay, raw.row - 1, col)
        if is_blank(value):
            raw.kode_kabkota = last.get(id(lay))
            continue
        kode = kode_sel(region, value, bertanda[id(lay)])
        if len(kode) != 1:
            tempat = region.di_sel(value, "kabkota")
            if len(kode) > 1:
                why = f"'{str(value).strip()}' dapat berarti {tempat.nama}; tulis Kabupaten atau Kota di depannya"
            else:
                why = f"kabupaten/kota '{str(value).strip()}' tidak ada di {region.nama}"
                if tempat is None and (mirip := region.mirip_kabkota(value)):
                    why += "; yang mirip: " + ", ".join(mirip)
            result.add("galat", why, lay.sheet.name, raw.row, f"{column_letter(col)} ({lay.names[col]})")
            return True
        raw.kode_kabkota = last[id(lay)] = kode[0]
    return False
