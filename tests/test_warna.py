"""One palette for the three statuses: a kecamatan's status has the same colour on Ringkasan's map
and bars, on the rakor slide's map and status boxes (HTML and PDF share the HTML) and in the PPTX,
and every legend names each status once, its symbol drawn in its colour."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from readiness import charts, db, model, teks
from readiness.deck import as_html, as_pptx, slides

E = "pilkada-2024"
STATUS_BY_LABEL = {teks.status_label(s): s for s in teks.STATUS}


@pytest.fixture(scope="module")
def sample(demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        kec = model.kecamatan(model.kesiapan_cursor(con, E), E)
        return kec, charts.kecamatan_shapes(con), slides.build(con, E)
    finally:
        con.close()


def _seen(colour: str) -> str:
    """The colour a reader sees on white: `#9e1b1b`, or `rgba(r,g,b,a)` blended over white."""
    if colour.startswith("#"):
        return colour.lower()
    r, g, b, a = (float(v) for v in re.findall(r"[\d.]+", colour))
    return "#" + "".join(f"{round(v * a + 255 * (1 - a)):02x}" for v in (r, g, b))


def _colours(sample) -> dict[str, dict[str, set[str]]]:
    """Per status, per place it is drawn: the colours used for it."""
    kec, shapes, deck = sample
    status_of = dict(zip(kec["kecamatan"], kec["status"]))
    status_of_kode = dict(zip(kec["kode_kecamatan"], kec["status"]))
    out: dict[str, dict[str, set[str]]] = {s: {} for s in teks.STATUS}

    def add(status, where, colour):
        out[status].setdefault(where, set()).add(_seen(colour))

    for trace in charts.status_bars(kec).data:
        if trace.type == "bar":
            for name in trace.y:
                add(status_of[name], "batang", trace.marker.color)
    for trace in charts.peta_status(kec, shapes).data:
        if trace.fill == "toself":
            add(status_of_kode[trace.customdata[0]], "peta", trace.fillcolor)

    peta = next(i for i, s in enumerate(deck.slides) if s.kind == "peta")
    svg = as_html.peta_svg(deck.slides[peta].peta)
    for fill, label in re.findall(r'<path d="[^"]*" fill="(#[0-9a-f]{6})"[^>]*><title>[^<]*: ([^<]*)</title>', svg):
        add(STATUS_BY_LABEL[label], "slide peta (html, pdf)", fill)
    for status, fill in re.findall(r"\.rakor-status-(\w+)[^{]*\{[^}]*background:\s*(#[0-9a-fA-F]{6})", as_html.css()):
        if status in out:
            add(status, "slide label (html, pdf)", fill)

    pptx = Presentation(io.BytesIO(as_pptx.to_pptx(deck)))
    for shape in pptx.slides[peta].shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.FREEFORM:
            add(STATUS_BY_LABEL[shape.name.split(": ")[-1]], "pptx peta", f"#{shape.fill.fore_color.rgb}")
        elif shape.has_text_frame and shape.fill.type == 1:  # a status box: `8 kecamatan ■ Belum siap`
            text = shape.text_frame.text
            for label, status in STATUS_BY_LABEL.items():
                if label in text:
                    add(status, "pptx kotak status", f"#{shape.fill.fore_color.rgb}")
    return out


def test_each_status_has_one_colour_on_the_map_the_bars_and_the_slides(sample):
    colours = _colours(sample)
    places = {"batang", "peta", "slide peta (html, pdf)", "slide label (html, pdf)", "pptx peta", "pptx kotak status"}
    for status, where in colours.items():
        assert set(where) == places, status
        assert {c for used in where.values() for c in used} == {charts.STATUS_WARNA[status]}, (status, where)
    # Three colours that stay apart in greyscale (a washed-out projector, a greyscale print).
    greys = sorted(
        0.299 * int(c[1:3], 16) + 0.587 * int(c[3:5], 16) + 0.114 * int(c[5:7], 16)
        for c in charts.STATUS_WARNA.values()
    )
    assert min(b - a for a, b in zip(greys, greys[1:])) >= 45


def test_every_status_legend_names_each_status_once_with_its_symbol_in_its_colour(sample):
    kec, shapes, _ = sample
    figures = {
        "peta": charts.peta_status(kec, shapes),
        "batang": charts.status_bars(kec),
        "ktpel": charts.ktpel_bars(kec, 95.0, 90.0),
        "korwil": charts.korwil_bandingan(_korwil(kec)),
    }
    for name, fig in figures.items():
        entries = [t for t in fig.data if t.showlegend is not False]
        assert [t.name for t in entries] == ["Belum siap", "Perlu perhatian", "Siap"], name
        for trace, status in zip(entries, charts.STATUS_ORDER):
            assert trace.marker.symbol == charts.SYMBOL[status], name
            assert trace.marker.color == charts.STATUS_WARNA[status], name


def _korwil(kec):
    """Per korwil, how many kecamatan are in each status (korwil_bandingan's input)."""
    counts = kec.groupby("korwil")["status"].value_counts().unstack(fill_value=0)
    return counts.rename(columns={s: f"jumlah_{s}" for s in teks.STATUS}).reset_index()
