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
    for total in totals:
        named_kec = gaz.match_kecamatan(TOTAL_RE.sub("", total.label))
        if named_kec:
            span = [i for i in per_sheet[total.sheet] if records[i]["kode_kecamatan"] == named_kec]
            scope = f"Kecamatan {gaz.kecamatan[named_kec].nama}"
        elif re.match(r"^SUB", total.label, re.IGNORECASE):
            sheet_rows = per_sheet[total.sheet]
            span = [i for i in sheet_rows if i >= total.since and origins[i].row < total.row]
            scope = "baris di atasnya"
        else:
            span = per_sheet[total.sheet]
            scope = f"semua baris sheet '{total.sheet}'"
        for fld in fields:
            if fld not in total.cells:
                continue
            raw_total = RawRow(total.sheet, total.row, total.cells, total.layout)
            try:
                stated = parse_count(total.cells[fld])
            except ParseError:
                continue
            values = [records[i].get(fld) for i in span]
            if stated is None or any(v is None for v in values):
                continue
            if sum(values) != stated:
                reader.error(
                    raw_total,
                    fld,
                    f"baris '{total.label}' menulis {fmt.angka(stated)}, tetapi "
                    f"jumlah {scope} = {fmt.angka(sum(values))}",
                    level="peringatan",
                )
