"""Property: however a pemilih recap is laid out, it loads to exactly the totals it was made from.

A recap for a random subset of the real kecamatan/desa with random counts is split into pieces
across sheets, its rows reordered, title rows and totals rows (per sheet, per kecamatan) added,
sometimes with the kecamatan written once over a merged cell with blanks below, names as written
(upper case, `KEC.`/`DESA`/`Ds.` prefixes), counts as
numbers or as text with Indonesian or English thousands separators, a one- or two-row header.
Ingest must read every desa row once (no row lost, none counted twice), drop every totals row,
find them all agreeing (no warning), and report the generated totals per kecamatan.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st

from readiness import db, ingest, model
from tests import messy

TITLES = [
    "REKAPITULASI DAFTAR PEMILIH TETAP (DPT)",
    "PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024",
    "KABUPATEN PROBOLINGGO",
    "KEADAAN PER 20 NOVEMBER 2024",
    "Sumber: KPU Kabupaten Probolinggo",
]
SHEET_NAMES = ["REKAP", "REKAP (2)", "LANJUTAN", "HAL 2", "DPT DESA", "Sheet1", "DATA KPU", "BAGIAN III"]
FORMATS = {"angka": lambda n: n, "teks_id": messy.id_num, "teks_en": messy.en_num, "teks_polos": str}
NAME_STYLES = {  # how the export writes kecamatan and desa names
    "asli": (lambda k: k, lambda d: d),
    "kapital": (str.upper, str.upper),
    "awalan": (lambda k: f"KEC. {k.upper()}", lambda d: f"DESA {d.upper()}"),
    "awalan_panjang": (lambda k: f"Kecamatan {k}", lambda d: f"Ds. {d}"),
}


@st.composite
def recaps(draw):
    kecamatan = draw(st.lists(st.sampled_from(messy.KECAMATAN), min_size=1, max_size=5, unique=True))
    rows = []
    for kec in kecamatan:
        desa = draw(st.lists(st.sampled_from(messy.DESA[kec]), min_size=1, max_size=5, unique=True))
        for name in desa:
            rows.append((kec, name, draw(st.integers(1, 12)), draw(st.integers(0, 4999)), draw(st.integers(0, 4999))))
    order = draw(st.permutations(range(len(rows))))
    rows = [rows[i] for i in order]
    n_sheets = draw(st.integers(1, min(4, len(rows))))
    cuts = (
        sorted(draw(st.lists(st.integers(1, len(rows) - 1), min_size=n_sheets - 1, max_size=n_sheets - 1, unique=True)))
        if len(rows) > 1 and n_sheets > 1
        else []
    )
    bounds = [0, *cuts, len(rows)]
    pieces = [rows[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    layout = {
        "merged_kecamatan": draw(st.booleans()),
        "two_row_header": draw(st.booleans()),
        "titles": draw(st.lists(st.sampled_from(TITLES), max_size=4)),
        "blank_after_title": draw(st.booleans()),
        "numbering_row": draw(st.booleans()),
        "totals": draw(st.sampled_from(["tidak ada", "per sheet", "per kecamatan dan sheet"])),
        "format": draw(st.sampled_from(sorted(FORMATS))),
        "names": draw(st.sampled_from(sorted(NAME_STYLES))),
        "sheet_names": draw(st.permutations(SHEET_NAMES))[: len(pieces)],
    }
    return rows, pieces, layout


def _group(piece, merged):
    """A merged kecamatan column needs each kecamatan's rows together; keep first-seen order."""
    if not merged:
        return [piece]
    groups: dict[str, list] = {}
    for row in piece:
        groups.setdefault(row[0], []).append(row)
    return list(groups.values())


def _write(path: Path, pieces, layout) -> Path:
    fmt = FORMATS[layout["format"]]
    kec_name, desa_name = NAME_STYLES[layout["names"]]
    sheets = []
    for name, piece in zip(layout["sheet_names"], pieces):
        out, merges = [[t] for t in layout["titles"]], []
        if layout["titles"] and layout["blank_after_title"]:
            out.append([])
        if layout["two_row_header"]:
            out += [messy.HEADER_TOP[:], messy.HEADER_BOTTOM[:]]
            merges += messy._header_merges(len(out) - 1)
        else:
            out.append(["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "L", "P", "L+P"])
        if layout["numbering_row"]:
            out.append(list(range(1, 8)))
        no = 0
        for group in _group(piece, layout["merged_kecamatan"]):
            first = len(out) + 1
            for i, (kec, desa, tps, l, p) in enumerate(group):
                no += 1
                shown = kec_name(kec) if (i == 0 or not layout["merged_kecamatan"]) else None
                out.append([no, shown, desa_name(desa), tps, fmt(l), fmt(p), fmt(l + p)])
            if layout["merged_kecamatan"] and len(group) > 1:
                merges.append(f"B{first}:B{len(out)}")
            if layout["totals"] == "per kecamatan dan sheet" and layout["merged_kecamatan"]:
                out.append(
                    [
                        f"JUMLAH KEC. {group[0][0].upper()}",
                        None,
                        None,
                        *(fmt(sum(r[k] for r in group)) for k in (2, 3, 4)),
                        fmt(sum(r[3] + r[4] for r in group)),
                    ]
                )
                merges.append(f"A{len(out)}:C{len(out)}")
        if layout["totals"] != "tidak ada":
            out.append(
                [
                    None,
                    "JUMLAH",
                    None,
                    *(fmt(sum(r[k] for r in piece)) for k in (2, 3, 4)),
                    fmt(sum(r[3] + r[4] for r in piece)),
                ]
            )
        sheets.append({"name": name, "rows": out, "merges": merges})
    return messy._save_openpyxl(path, sheets)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "readiness.duckdb"
    db.ensure_database(path)
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(recap=recaps())
def test_any_layout_of_a_recap_loads_to_the_generated_totals(template_db, recap):
    rows, pieces, layout = recap
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db_path = tmp / "readiness.duckdb"
        shutil.copyfile(template_db, db_path)
        path = _write(tmp / "rekap_acak.xlsx", pieces, layout)
        batch = ingest.ingest_files(db_path, [(path.name, path.read_bytes())])
        result = batch.results[0]
        texts = [p.text() for p in result.problems]
        assert batch.ok and batch.committed, (layout, texts)
        assert result.kind == "pemilih", (layout, result.kind)
        assert result.rows == len(rows), (layout, texts)
        assert texts == [], layout  # every totals row agrees with its rows
        con = db.connect_read(db_path)
        try:
            kec = model.report(con, "pilkada-2024", "kecamatan").set_index("kecamatan")
        finally:
            con.close()
    expected = messy._sum_by_kecamatan(rows)
    got = {}
    for name in kec.index:
        values = [kec.loc[name, c] for c in ("dpt", "dpt_l", "dpt_p", "tps")]
        if all(pd.notna(v) for v in values):
            got[name] = dict(zip(("dpt", "dpt_l", "dpt_p", "tps"), (int(v) for v in values)))
        else:  # a kecamatan the file does not cover is empty, never 0
            assert all(pd.isna(v) for v in values), (name, values)
    assert got == expected, layout
