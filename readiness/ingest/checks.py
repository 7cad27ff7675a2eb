"""Checks across the rows of one file: a row that would be counted twice, and the file's own
totals rows (`JUMLAH`, `SUB TOTAL`, `JUMLAH KEC. …`) compared with the sum of the rows they cover."""

from __future__ import annotations

import re
from collections import defaultdict

from .. import fmt
from ..names import Gazetteer
from .cells import ParseError, parse_count
from .kinds import RECONCILED, UNIQUE
from .result import FileResult
from .rows import TOTAL_RE, RawRow, RowReader, TotalRow


def check_duplicates(result: FileResult, kind: str, records: list[dict], origins: list[RawRow], gaz) -> None:
    keys = UNIQUE.get(kind)
    if not keys:
        return
    first: dict[tuple, RawRow] = {}
    for rec, raw in zip(records, origins):
        key = tuple(rec.get(k) for k in keys)
        if key in first:
            prev = first[key]
            what = _describe_key(kind, rec, gaz)
            result.add(
                "galat",
                f"{what} sudah ada di baris {prev.row}"
                + (f" sheet '{prev.sheet}'" if prev.sheet != raw.sheet else "")
                + "; baris ganda akan terhitung dua kali",
                raw.sheet,
                raw.row,
            )
        else:
            first[key] = raw
    if kind == "pemilih":
        # A kecamatan row next to desa rows of the same kecamatan would count its voters twice.
        kec_rows = {
            rec["kode_kecamatan"]: raw
            for rec, raw in zip(records, origins)
            if rec["kode_desa"] is None and rec["kode_kecamatan"]
        }
        for rec, raw in zip(records, origins):
            if rec["kode_desa"] is not None and rec["kode_kecamatan"] in kec_rows:
                other = kec_rows.pop(rec["kode_kecamatan"])
                result.add(
                    "galat",
                    f"Kecamatan {gaz.kecamatan[rec['kode_kecamatan']].nama} punya baris "
                    f"kecamatan (baris {other.row}) dan baris desa; pemilihnya akan terhitung dua kali",
                    raw.sheet,
                    raw.row,
                )


def _describe_key(kind, rec, gaz) -> str:
    if kind == "masalah":
        return (
            f"Masalah yang sama (Kecamatan {gaz.kecamatan[rec['kode_kecamatan']].nama}, "
            f"{fmt.tanggal(rec['tanggal'])}, uraian sama)"
        )
    if rec.get("kode_kabkota"):
        return gaz.kabkota.get(rec["kode_kabkota"], rec["kode_kabkota"])
    kec = gaz.kecamatan[rec["kode_kecamatan"]].nama if rec.get("kode_kecamatan") else "kabupaten"
    desa = gaz.desa[rec["kode_desa"]].nama if rec.get("kode_desa") else None
    if kind == "tps":
        return f"TPS {rec['no_tps']} Desa {desa} (Kecamatan {kec})"
    return (
        f"Desa {desa} (Kecamatan {kec})"
        if desa
        else f"Kecamatan {kec}"
        if rec.get("kode_kecamatan")
        else f"Baris {gaz.wilayah_jenis}"
    )


def reconcile(
    result: FileResult,
    kind: str,
    totals: list[TotalRow],
    records: list[dict],
    origins: list[RawRow],
    reader: RowReader,
    gaz: Gazetteer,
) -> None:
    fields = RECONCILED[kind]
    if not fields:
        return
    per_sheet: dict[str, list[int]] = defaultdict(list)
    for i, raw in enumerate(origins):
        per_sheet[raw.sheet].append(i)
    section_from: dict[str, int] = defaultdict(int)  # sheet -> Excel row of its last section total
    for total in totals:
        spans = _spans(total, per_sheet[total.sheet], records, origins, section_from, gaz)
        raw_total = RawRow(total.sheet, total.row, total.cells, total.layout)
        stated = {}
        for fld in fields:
            try:
                value = parse_count(total.cells[fld]) if fld in total.cells else None
            except ParseError:
                value = None
            if value is not None:
                stated[fld] = value
        sums = [{fld: _sum(records, span, fld) for fld in stated} for span, _scope in spans]
        if any(all(s[f] in (None, v) for f, v in stated.items()) for s in sums):
            continue  # the total agrees with the rows it covers, read one of the ways offices mean it
        scope = spans[0][1]
        for fld, value in stated.items():
            if sums[0][fld] is not None and sums[0][fld] != value:
                reader.error(
                    raw_total,
                    fld,
                    f"baris '{total.label}' menulis {fmt.angka(value)}, tetapi jumlah {scope} = {fmt.angka(sums[0][fld])}",
                    level="peringatan",
                )


def _sum(records: list[dict], span: list[int], fld: str) -> int | None:
    values = [records[i].get(fld) for i in span]
    return None if any(v is None for v in values) else sum(values)


def _spans(total: TotalRow, sheet_rows: list[int], records, origins, section_from, gaz) -> list[tuple[list[int], str]]:
    """The rows a totals row may cover, with how the warning names them, the likeliest first.
    `JUMLAH KEC. X`: the rows of that kecamatan; `SUB TOTAL`: the rows since the previous total. Any
    other total (`JUMLAH`, `JUMLAH DAPIL 1`, `TOTAL S/D DAPIL 1`): the whole sheet when no row
    follows it; one in the middle of the table covers the rows since the previous such total
    (a dapil, a korwil), every row above it (a running total) or, put above the rows, all of them."""
    named_kec = gaz.match_kecamatan(TOTAL_RE.sub("", total.label))
    if named_kec:
        span = [i for i in sheet_rows if records[i]["kode_kecamatan"] == named_kec]
        return [(span, f"Kecamatan {gaz.kecamatan[named_kec].nama}")]
    if re.match(r"^SUB", total.label, re.IGNORECASE):
        return [([i for i in sheet_rows if i >= total.since and origins[i].row < total.row], "baris di atasnya")]
    start, section_from[total.sheet] = section_from[total.sheet], total.row
    above = [i for i in sheet_rows if origins[i].row < total.row]
    section = [i for i in above if origins[i].row > start]
    if len(above) == len(sheet_rows):
        return [(sheet_rows, f"semua baris sheet '{total.sheet}'"), (section, "baris di atasnya")]
    return [(section, "baris di atasnya"), (above, "semua baris di atasnya"), (sheet_rows, "semua baris")]
