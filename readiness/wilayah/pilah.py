"""A file that covers more than the installation's region (KPU's national recap in a province, a
provincial recap in a kab/kota): its rows inside the region are read, the others set aside with
one warning that counts and names them; a file with no row inside is refused naming both regions."""

from __future__ import annotations

from .. import fmt
from ..ingest.cells import is_blank
from .berkas import Tempat, Wilayah, _kolom_wilayah, _label, _tempat_baris

NAMA_DISEBUT = 5  # regions named in the warning about rows of other regions; the rest counted


def pilah_baris(result, raw_rows, region: Wilayah, gaz) -> list | None:
    """The data rows (RawRow) of a file that lie in this region. A file that covers more than the
    region (KPU's national recap in a province) keeps its rows inside, and one warning counts the
    rows of other regions, named in its kab/kota or province column, that were not used and names
    those regions (`… dan N lainnya`). Refused (None, the error on `result`): a file with no row
    inside the region, naming both regions; a whole-region row of another kab/kota written where
    the kecamatan goes (that file is another kab/kota's)."""
    columns: dict = {}
    kept, outside, named = [], [], {}
    above: dict[int, tuple] = {}  # per layout, the outside region of the row above
    for raw in raw_rows:
        lay = raw.layout
        cols = _kolom_wilayah(lay, columns)
        tempat, col, jenis, ours = _tempat_baris(region, gaz, lay, raw.row - 1, cols)
        row = lay.sheet.rows[raw.row - 1]
        if tempat is None and not ours and id(lay) in above:
            if all(is_blank(row[c] if c < len(row) else None) for c, j in cols if j != "kecamatan"):
                tempat, col, jenis = above[id(lay)]  # written once, or merged down over its rows
        if tempat is None:
            above.pop(id(lay), None)
            kept.append(raw)
            continue
        above[id(lay)] = (tempat, col, jenis)
        if jenis == "kecamatan":
            result.add("galat", region.penolakan(tempat), raw.sheet, raw.row, _label(lay, col))
            return None
        outside.append((raw, col))
        named.setdefault(tempat.nama, None)
    if not outside:
        return raw_rows
    raw, col = outside[0]
    names = list(named)
    shown = ", ".join(names[:NAMA_DISEBUT])
    if len(names) > NAMA_DISEBUT:
        shown += f" dan {fmt.angka(len(names) - NAMA_DISEBUT)} lainnya"
    if not kept:
        tempat = Tempat((), shown)
        result.add("galat", region.penolakan(tempat), raw.sheet, raw.row, _label(raw.layout, col))
        return None
    result.add(
        "peringatan",
        f"{fmt.angka(len(outside))} baris untuk wilayah lain tidak dipakai ({shown}); yang dibaca hanya "
        f"{fmt.angka(len(kept))} baris {region.nama}",
        raw.sheet,
        None,
        _label(raw.layout, col),
    )
    return kept
