"""The rakor deck as PowerPoint (.pptx), for the minutes: editable text, native tables, native
bar charts, and the status map as editable freeform shapes (no images, nothing rendered online).

The slide is laid out on the same 1920 x 1080 design grid as the HTML/PDF (as_html.py, deck.css):
one design pixel is 6.350 EMU (half a point), so 28 px body text is 14 pt on a 13,33 x 7,5 inch
slide and looks the same size on the projector as the page does.

Each slide is made from the "Title Only" layout and its finding goes into the layout's title
placeholder (styled like the page's title), so PowerPoint's outline, accessibility checker and
"Reuse slides" list every slide by its finding. The footer is measured with the deck's font
(fonts.py, Arial's widths): the election name is shortened first, the data date and the
disclaimer are never cut.

The grid, the colours, text boxes and every slide's header and footer are pptx_layout.py; this module
writes each slide's content (figures, tables, charts, the map) and the file.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn

from .. import teks
from . import as_html, parts
from .pptx_layout import (
    CHAR,
    EMU_PX,
    FONT,
    HITAM,
    PAD_X,
    PUTIH,
    H,
    W,
    footer,
    fpt,
    header,
    line_count,
    px,
    rgb,
    text_box,
)

__all__ = ["EMU_PX", "px", "simpan", "to_pptx"]


# --------------------------------------------------------------------------- content
def _angka(shapes, a: parts.Angka, x, y, w, h, nilai_px=100):
    if a.status:
        fill, colour = parts.WARNA[a.status], parts.WARNA_TEKS[a.status]
        box = text_box(
            shapes,
            x,
            y,
            w,
            h,
            [(f"{a.nilai}  ", nilai_px * 0.8, True, colour), (a.label, 28, False, colour)],
            fill=fill,
            border=HITAM,
            shape=MSO_SHAPE.ROUNDED_RECTANGLE,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        label = box.text_frame.paragraphs[0].add_run()  # `8  ■ Belum siap` on one line
        label.text = parts.status_label(a.status)
        label.font.size, label.font.bold, label.font.name = fpt(40), True, FONT
        label.font.color.rgb = rgb(colour)
        return box
    paragraphs = [(a.label, 30, True, HITAM), (a.nilai, nilai_px, True, HITAM)]
    if a.keterangan:
        paragraphs.append((a.keterangan, 28, False, "222222"))
    return text_box(
        shapes,
        x,
        y,
        w,
        h,
        paragraphs,
        fill=PUTIH,
        border=HITAM,
        shape=MSO_SHAPE.ROUNDED_RECTANGLE,
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _tabel(shapes, slide: parts.Slide, x, y, w, bottom) -> float:
    total = sum(slide.lebar) or len(slide.kolom)
    widths = [w * v / total for v in (slide.lebar or (1,) * len(slide.kolom))]
    heights = [48]
    for b in slide.baris:
        lines = max(line_count(t, 28, cw - 24, bold=(i in (0, 1))) for i, (t, cw) in enumerate(zip(b.sel, widths)))
        heights.append(35 * lines + 20)
    frame = shapes.add_table(len(slide.baris) + 1, len(slide.kolom), px(x), px(y), px(w), px(sum(heights)))
    table = frame.table
    # Plain black on white, lines under rows: the look of the page, not PowerPoint's banded style.
    tbl_pr = frame._element.graphic.graphicData.tbl.tblPr
    tbl_pr.set("firstRow", "1")
    tbl_pr.set("bandRow", "0")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style.text = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # "No Style, Table Grid"
    for i, cw in enumerate(widths):
        table.columns[i].width = px(cw)
    for r, h in enumerate(heights):
        table.rows[r].height = px(h)

    def put(cell, text, size, bold, colour, fill=None):
        cell.margin_left = cell.margin_right = px(12)
        cell.margin_top, cell.margin_bottom = px(8), px(6)
        cell.vertical_anchor = MSO_ANCHOR.TOP
        tf = cell.text_frame
        tf.word_wrap = True
        tf.paragraphs[0].text = ""
        run = tf.paragraphs[0].add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.name = fpt(size), bold, FONT
        run.font.color.rgb = rgb(colour)
        if fill:
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
        else:
            cell.fill.background()

    for c, name in enumerate(slide.kolom):
        put(table.cell(0, c), name, 28, True, HITAM)
    for r, b in enumerate(slide.baris, start=1):
        for c, value in enumerate(b.sel):
            if c == 0 and b.status:
                put(table.cell(r, c), value, 28, True, parts.WARNA_TEKS[b.status], parts.WARNA[b.status])
            else:
                put(table.cell(r, c), value, 28, c == 1, HITAM)
    return y + sum(heights)


def _catatan(shapes, slide: parts.Slide, x, y, w):
    if slide.catatan:
        n = line_count(slide.catatan, 28, w)
        text_box(shapes, x, y, w, 36 * n, [(slide.catatan, 28, False, HITAM)])


def _manual_plot_area(chart, x: float, y: float, w: float, h: float) -> None:
    """Put the inner plot area at fractions of the chart frame, so the threshold lines drawn over
    the chart land on the right values."""
    plot_area = chart._chartSpace.chart.plotArea
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = etree.SubElement(plot_area, qn("c:layout"))
    plot_area.remove(layout)
    plot_area.insert(0, layout)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (
        ("layoutTarget", "inner"),
        ("xMode", "edge"),
        ("yMode", "edge"),
        ("x", x),
        ("y", y),
        ("w", w),
        ("h", h),
    ):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", str(value))


def _no_fill(chart) -> None:
    """Chart and plot area transparent (no white box over what lies beneath)."""
    space = chart._chartSpace
    for parent, after in ((space, space.chart), (space.chart.plotArea, None)):
        old = parent.find(qn("c:spPr"))
        if old is not None:
            parent.remove(old)
        sp_pr = etree.Element(qn("c:spPr"))
        etree.SubElement(sp_pr, qn("a:noFill"))
        etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
        if after is not None:
            after.addnext(sp_pr)
        else:
            ext = parent.find(qn("c:extLst"))
            if ext is not None:
                ext.addprevious(sp_pr)
            else:
                parent.append(sp_pr)


def _grafik(shapes, g: parts.Grafik, x, y, w, bottom) -> float:
    text_box(shapes, x, y, w, 36, [(g.judul, 28, True, HITAM)])
    y += 36 + 50
    rows = len(g.batang)
    height = min(bottom - y, rows * 50 + 8)
    label_w, track_w = 246, 420
    # Room after the longest bar for its text: the axis is stretched so the bar track is track_w.
    span = g.sumbu_maks - g.sumbu_min or 1.0
    axis_max = g.sumbu_min + span * (w - label_w) / track_w
    # Threshold lines first, under the (transparent) chart: the bar texts stay readable over them.
    for value, text in g.ambang:
        lx = x + label_w + (w - label_w) * (value - g.sumbu_min) / (axis_max - g.sumbu_min)
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, px(lx), px(y - 8), px(lx), px(y + height))
        line.line.color.rgb = rgb(HITAM)
        line.line.width = px(3)
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        text_box(shapes, lx - 100, y - 46, 200, 36, [(text, 28, True, HITAM)], align=PP_ALIGN.CENTER)
    data = CategoryChartData(number_format="0.00")
    data.categories = [b.label for b in g.batang]
    data.add_series(g.judul, [b.nilai for b in g.batang])
    frame = shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, px(x), px(y), px(w), px(height), data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.name, chart.font.size = FONT, fpt(28)
    plot = chart.plots[0]
    plot.gap_width = 30
    plot.vary_by_categories = False
    series = plot.series[0]
    series.invert_if_negative = False
    for i, b in enumerate(g.batang):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(parts.WARNA.get(b.status, parts.WARNA_KOSONG))
        point.format.line.color.rgb = rgb(HITAM)
        point.format.line.width = px(2)
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        icon = teks.STATUS_IKON.get(b.status, "")
        label.text_frame.text = f"{icon} {b.teks}".strip()
        # One line, as on the page: PowerPoint wraps data labels at a fifth of the chart otherwise.
        label.text_frame._txBody.bodyPr.set("wrap", "none")
        for p in label.text_frame.paragraphs:
            for run in p.runs:
                run.font.size, run.font.name = fpt(28), FONT
                run.font.color.rgb = rgb(HITAM)
    value_axis = chart.value_axis
    value_axis.minimum_scale = g.sumbu_min
    value_axis.maximum_scale = axis_max
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    category_axis = chart.category_axis
    category_axis.reverse_order = True
    category_axis.tick_labels.font.size = fpt(28)
    category_axis.tick_labels.font.bold = True
    category_axis.format.line.color.rgb = rgb(HITAM)
    category_axis.format.line.width = px(3)
    fx = label_w / w
    _manual_plot_area(chart, fx, 0.0, 1 - fx, 1.0)
    _no_fill(chart)
    return y + height


def _peta(shapes, slide: parts.Slide, x, y, w, h):
    geo = as_html.peta_geometri(slide.peta)
    if not geo["items"]:
        text_box(shapes, x, y + h / 2 - 60, w, 120, [(teks.PETA_TANPA_BATAS, 28, False, HITAM)])
        return
    scale = min(w / geo["width"], h / geo["height"])
    ox = x + (w - geo["width"] * scale) / 2
    oy = y + (h - geo["height"] * scale) / 2
    for item in geo["items"]:
        rings = [[(ox + px_ * scale, oy + py * scale) for px_, py in ring] for ring in item["rings"] if len(ring) > 2]
        if not rings:
            continue
        first = rings[0]
        builder = shapes.build_freeform(px(first[0][0]), px(first[0][1]), scale=1.0)
        builder.add_line_segments([(px(a), px(b)) for a, b in first[1:]], close=True)
        for ring in rings[1:]:
            builder.move_to(px(ring[0][0]), px(ring[0][1]))
            builder.add_line_segments([(px(a), px(b)) for a, b in ring[1:]], close=True)
        shape = builder.convert_to_shape()
        shape.name = f"{item['kecamatan']}: {parts.status_label(item['status'])}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(parts.WARNA.get(item["status"], parts.WARNA_KOSONG))
        shape.line.color.rgb = rgb(PUTIH)
        shape.line.width = px(3)
        shape.shadow.inherit = False
    for item in geo["items"]:  # leader lines of labels set away from their kecamatan
        if item["garis"]:
            (x0, y0), (x1, y1) = item["garis"]
            points = (px(ox + x0 * scale), px(oy + y0 * scale), px(ox + x1 * scale), px(oy + y1 * scale))
            garis = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *points)
            garis.line.color.rgb = rgb(HITAM)
            garis.line.width = px(2)
            garis.name = f"Garis {item['kecamatan']}"
    size = geo["font"] * scale
    for item in geo["items"]:
        cx, cy = item["centre"]
        tw = len(item["label"]) * size * (CHAR + 0.06) + 12
        label = text_box(
            shapes,
            ox + cx * scale - tw / 2,
            oy + cy * scale - size * 0.65,
            tw,
            size * 1.3,
            [(item["label"], size, True, HITAM)],
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
            fill=PUTIH,
            wrap=False,
        )
        label.name = f"Label {item['kecamatan']}"


def _isi(shapes, slide: parts.Slide, top: float, bottom: float) -> None:
    x, w = PAD_X, W - 2 * PAD_X
    if slide.kind == "ringkasan":
        utama = [a for a in slide.angka if not a.status]
        status = [a for a in slide.angka if a.status]
        h1, h2, gap = 250, 150, 36
        y = top + max(0, (bottom - top - h1 - h2 - gap) / 2)
        bw = (w - 28 * (len(utama) - 1)) / max(1, len(utama))
        for i, a in enumerate(utama):
            _angka(shapes, a, x + i * (bw + 28), y, bw, h1)
        sw = (w - 28 * (len(status) - 1)) / max(1, len(status))
        for i, a in enumerate(status):
            _angka(shapes, a, x + i * (sw + 28), y + h1 + gap, sw, h2)
        return
    if slide.kind == "peta":
        side = 560
        _peta(shapes, slide, x, top, w - side - 40, bottom - top)
        sx = x + w - side
        y = top + 10
        for a in slide.angka:
            _angka(shapes, a, sx, y, side, 112, nilai_px=80)
            y += 112 + 14
        if slide.baris:
            _tabel(shapes, slide, sx, y + 10, side, bottom)
        return
    if slide.grafik is not None:
        left = 480
        y = top
        for a in slide.angka:
            n = line_count(a.keterangan, 28, left - 48) if a.keterangan else 0
            h = 40 + 90 + 36 * n + 28
            _angka(shapes, a, x, y, left, h, nilai_px=72)
            y += h + 20
        gx = x + left + 40
        end = _grafik(shapes, slide.grafik, gx, top, w - left - 40, bottom - 40)
        _catatan(shapes, slide, gx, end + 12, w - left - 40)
        return
    if slide.baris:
        end = _tabel(shapes, slide, x, top, w, bottom)
        _catatan(shapes, slide, x, end + 14, w)
        return
    _catatan(shapes, slide, x, top + 20, min(w, 1400))


def to_pptx(deck: parts.Deck) -> bytes:
    """The deck as a .pptx file (bytes)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = px(W), px(H)
    title_only = prs.slide_layouts[5]  # "Title Only": a title placeholder and nothing else on the slide
    for nomor, slide in enumerate(deck.slides, start=1):
        page = prs.slides.add_slide(title_only)
        shapes = page.shapes
        top = header(shapes, slide)
        bottom = footer(shapes, deck, nomor)
        _isi(shapes, slide, top, bottom)
        notes = page.notes_slide.notes_text_frame
        notes.text = "\n".join(t for t in (slide.judul, slide.subjudul, slide.catatan, deck.kaki(nomor)) if t)
    props = prs.core_properties
    props.title = f"Rakor kesiapan — {deck.nama}"
    props.subject = f"{deck.data_per_teks}. {deck.disclaimer}"
    props.author = teks.APP_NAMA
    props.keywords = deck.election
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def simpan(deck: parts.Deck, path) -> None:
    with open(path, "wb") as f:
        f.write(to_pptx(deck))
