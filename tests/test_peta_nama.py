"""The kecamatan names on the status maps never cover each other: on Ringkasan's map at the width
Chromium draws it in a 1024 px and a 1920 px window, and on the rakor slide's map; a name set away
from its kecamatan is joined to it by a thin line. For a kota of 5 kecamatan (35.74), the sample
kabupaten of 24 (35.13) and a kabupaten of 22 with islands (74.06)."""

from __future__ import annotations

import math

import pytest

from readiness import charts, cli, db, model
from readiness.deck import Peta, as_html

E = "pilkada-2024"
REGIONS = ("35.74", "35.13", "74.06")
# The plot width (px) of Ringkasan's map in Chromium in a window 1024 and 1920 px wide.
WIDTHS = {"1024x768": 564, "1920x1080": 1460}
# Measured in Chromium on the sample's names: a character is at most ~0,60 em wide, a line 1,17 em.
CHAR_EM, LINE_EM = 0.62, 1.22


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    """Per region: its kecamatan outlines and readiness rows, from a database set up by `init`."""
    folder = tmp_path_factory.mktemp("peta")
    out = {}
    for kode in REGIONS:
        path = folder / f"{kode}.duckdb"
        assert cli.main(["init", "--wilayah", kode, "--db", str(path)]) == 0
        con = db.connect_read(path)
        try:
            out[kode] = (charts.kecamatan_shapes(con), model.kecamatan(model.kesiapan_cursor(con, E), E))
        finally:
            con.close()
    return out


def _intersect(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0


def _to_px(fig, width: int):
    """(lon, lat) -> px from the plot's lower left corner when the map is drawn `width` px wide at
    its height (lon and lat at one scale: the direction that fills the plot first sets it)."""
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    per_px = max((xr[1] - xr[0]) / width, (yr[1] - yr[0]) / (fig.layout.height - fig.layout.margin.t))
    return lambda x, y: ((x - xr[0]) / per_px, (y - yr[0]) / per_px)


def _name_boxes(fig, width: int) -> list[tuple[str, tuple]]:
    """(name, box) of each name of the map (its last trace), in px (`_to_px`)."""
    names = fig.data[-1]
    to_px = _to_px(fig, width)
    font = names.textfont.size
    where = names.textposition
    where = [where] * len(names.text) if isinstance(where, str) else list(where)
    out = []
    for name, x, y, pos in zip(names.text, names.x, names.y, where):
        px, py = to_px(x, y)
        w, h, gap = CHAR_EM * font * len(name), LINE_EM * font, 5.6
        vertical, horizontal = pos.split()
        y0 = {"top": py + gap, "bottom": py - gap - h, "middle": py - h / 2}[vertical]
        x0 = {"center": px - w / 2, "right": px + gap, "left": px - gap - w}[horizontal]
        out.append((name, (x0, y0, x0 + w, y0 + h)))
    return out


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("kode", REGIONS)
def test_no_two_names_on_the_dashboard_map_overlap(maps, kode, size):
    shapes, kec = maps[kode]
    fig = charts.peta_status(kec, shapes)
    boxes = _name_boxes(fig, WIDTHS[size])
    assert sorted(name for name, _ in boxes) == sorted(s.kecamatan for s in shapes.values())
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if _intersect(ba, bb)]
    assert clashes == []


def test_a_name_set_away_from_its_kecamatan_has_a_line_to_it(maps):
    shapes, kec = maps["35.13"]
    fig = charts.peta_status(kec, shapes)
    lines = next(t for t in fig.data if t.mode == "lines" and t.fill != "toself")
    starts = {(x, y) for x, y in zip(lines.x[0::3], lines.y[0::3])}
    points = {s.kecamatan: s.label for s in shapes.values()}
    to_px = _to_px(fig, WIDTHS["1024x768"])
    away = []
    for name, box in _name_boxes(fig, WIDTHS["1024x768"]):
        px, py = to_px(*points[name])
        nx, ny = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
        if math.hypot(nx - px, ny - py) > 12:  # farther than right beside its marker
            away.append(name)
            assert points[name] in starts, name
    assert len(starts) == len(away) >= 1  # the sample's crowded middle needs at least one


@pytest.mark.parametrize("kode", REGIONS)
def test_no_two_names_on_the_slides_map_overlap_and_names_set_away_have_a_line(maps, kode):
    shapes, _ = maps[kode]
    bentuk = tuple(shapes.values())
    status = tuple((s.kode, ("merah", "kuning", "hijau")[i % 3]) for i, s in enumerate(bentuk))
    geo = as_html.peta_geometri(Peta(status, bentuk))
    char, line = 0.55 * geo["font"], 1.05 * geo["font"]
    boxes = []
    for item in geo["items"]:
        cx, cy = item["centre"]
        w = char * len(item["label"])
        boxes.append((item["kecamatan"], (cx - w / 2, cy - line / 2, cx + w / 2, cy + line / 2)))
        assert 0 <= cx - w / 2 and cx + w / 2 <= geo["width"] and 0 <= cy - line / 2 and cy + line / 2 <= geo["height"]
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if _intersect(ba, bb)]
    assert clashes == []
    svg = as_html.peta_svg(Peta(status, bentuk))
    with_line = [item for item in geo["items"] if item["garis"]]
    assert svg.count("<line ") == len(with_line)
    for item in with_line:
        (x0, y0), (x1, y1) = item["garis"]
        box = dict(boxes)[item["kecamatan"]]
        assert box[0] <= x1 <= box[2] and box[1] <= y1 <= box[3]  # it ends on its name's box
        assert not (box[0] < x0 < box[2] and box[1] < y0 < box[3])  # from a point outside it
