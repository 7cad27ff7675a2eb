"""The rakor deck as HTML: one slide for the Presentasi page, all slides for the PDF.

Sizes are in design pixels of a 1920 x 1024 slide (the screen above the control bar at 1920x1080)
multiplied by `--u`, which the screen sets from the viewport (`min(100vw/1920, (100vh-bar)/1024)`)
and the print sets to 1px. So the slide keeps its proportions at any size, body text is 28 px at
1920x1080, and whatever fits at one size fits at every other: no scrolling at 1024x768 either.

Charts are plain HTML bars (text stays text, in the PDF too) and the map is an SVG drawn from the
region's kecamatan boundaries in the database (no tiles, no network). Every piece of data is escaped.

Text is set in the font shipped with the app (fonts.py): `dokumen` embeds it, and the
Presentasi page puts `fonts_html()` in an element of its own that stays the same from one slide to
the next (Streamlit sends an unchanged large element only once per browser session).

The footer never cuts the disclaimer: the data date and the disclaimer keep their whole width, and
the election name takes what is left (ending in `…` when it is too long for one line; on a 4:3
screen, which has height to spare, it gets a line of its own instead).
"""

from __future__ import annotations

import html
import urllib.parse
from pathlib import Path

from .. import teks
from ..charts import letak
from . import fonts, parts

CSS_FILE = Path(__file__).with_name("deck.css")


def css() -> str:
    """deck.css and the status colours from the dashboard's one palette (parts.WARNA)."""
    rules = []
    for status, fill in (*parts.WARNA.items(), ("kosong", parts.WARNA_KOSONG)):
        ink = parts.WARNA_TEKS.get(status, "#111111")
        rules.append(f".rakor-bg-{status}, .rakor-status-{status} {{ background: {fill}; color: {ink}; }}")
        rules.append(f".rakor-bg-{status} .rakor-angka-ket {{ color: {ink}; }}")
    return CSS_FILE.read_text(encoding="utf-8") + "\n".join(rules) + "\n"


def fonts_html() -> str:
    """The deck's font as a `<style>` of `@font-face` rules (about 1,1 MB: both weights inline)."""
    return f"<style>{fonts.css()}</style>"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _status_span(status, text: str | None = None) -> str:
    text = parts.status_label(status) if text is None else text
    cls = status if status in parts.WARNA else "kosong"
    return f'<span class="rakor-status rakor-status-{cls}">{_e(text)}</span>'


# --------------------------------------------------------------------------- the map
SVG_WIDTH = 1000.0
# The map's box on the slide is about 1.190 x 700 design px: a region taller than that keeps the
# canvas height at SVG_WIDTH / KOTAK_RASIO, so its labels come out as large as a wide region's.
KOTAK_RASIO = 1.7
LABEL_FONT = 23.0  # for a kabupaten of ~24 kecamatan; fewer get larger labels, more smaller


def label_font(jumlah: int, luas: float = 1.0) -> float:
    """The labels' size on the canvas for a map of `jumlah` kecamatan covering `luas` of a canvas
    SVG_WIDTH wide and half as high (the sample's shape): 23 for a wide kabupaten of 24 (the sample), 30
    for a kota of 5, smaller for many kecamatan or a tall region that fills less of the box, never
    under 18 (about 23 px on a 1080-line slide)."""
    return float(round(max(18.0, min(30.0, LABEL_FONT * (24 / max(jumlah, 1) * min(luas, 1.0)) ** 0.5))))


def _kanvas(bentuk) -> tuple:
    """(xy: (lon, lat) -> canvas (x, y), canvas width, height, the map's own area) for these
    outlines. A region taller than the slide's box is centred on a canvas of the box's shape, so
    its labels may reach out to the sides."""
    lons = [v for s in bentuk for v in s.lons if v is not None]
    lats = [v for s in bentuk for v in s.lats if v is not None]
    # A wide region (the nation: 46° of longitude) keeps a margin for the names at its edges.
    pad = max(0.012, 0.02 * max(max(lons) - min(lons), max(lats) - min(lats)))
    x0, x1, y0, y1 = min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad
    k = min(SVG_WIDTH / (x1 - x0), SVG_WIDTH / KOTAK_RASIO / (y1 - y0))
    width, height = (x1 - x0) * k, (y1 - y0) * k
    canvas = max(width, min(SVG_WIDTH, height * KOTAK_RASIO))
    left = (canvas - width) / 2

    def xy(lon, lat):
        return (left + (lon - x0) * k, (y1 - lat) * k)

    return xy, canvas, height, width * height


def _rings(shape, xy) -> list[list[tuple[float, float]]]:
    rings, ring = [], []
    for lon, lat in zip(shape.lons, shape.lats):
        if lon is None:
            if ring:
                rings.append(ring)
            ring = []
        else:
            ring.append(xy(lon, lat))
    if ring:
        rings.append(ring)
    return rings


def peta_geometri(peta: parts.Peta) -> dict:
    """Projected outlines and label places of the kecamatan on a canvas at most SVG_WIDTH wide; the
    PPTX draws the same map from it. Returns {"width", "height", "font", "items": [...]}, each
    item: kode, kecamatan, status, label (`▲ Gending`), rings [[(x, y), ...], ...], the
    label's centre, and `garis` (a leader line's two ends, or None). No items when the region
    has no boundaries.

    Each label carries the status icon, so the map reads without colour. Labels sit on their
    kecamatan's label point, or beside it, or farther out with a leader line (charts.letak), so
    none covers another and all stay on the canvas."""
    if not peta.bentuk:
        return {"width": SVG_WIDTH, "height": SVG_WIDTH / KOTAK_RASIO, "font": LABEL_FONT, "items": []}
    status = dict(peta.status)
    xy, width, height, luas = _kanvas(peta.bentuk)
    font = label_font(len(peta.bentuk), luas / (SVG_WIDTH * SVG_WIDTH / 2))
    char, line = 0.55 * font, 1.05 * font
    words = [
        f"{teks.STATUS_IKON[status.get(s.kode)]} {s.kecamatan}"
        if status.get(s.kode) in teks.STATUS_IKON
        else s.kecamatan
        for s in peta.bentuk
    ]
    labels = letak.letakkan(
        [xy(*s.label) for s in peta.bentuk],
        [(char * len(w), line) for w in words],
        gap=0.3 * font,
        batas=(0.0, 0.0, width, height),
        di_titik=True,
    )
    items = []
    for shape, label, lb in zip(peta.bentuk, words, labels):
        items.append(
            {
                "kode": shape.kode,
                "kecamatan": shape.kecamatan,
                "status": status.get(shape.kode),
                "label": label,
                "rings": _rings(shape, xy),
                "centre": lb.pusat,
                # A label set away from its kecamatan: a thin line from the kecamatan's point.
                "garis": (lb.titik, lb.ujung) if lb.garis else None,
            }
        )
    return {"width": width, "height": height, "font": font, "items": items}


_URL_SAFE = " /+=:;,.()'-_!*~@?$"  # left as they are in the data: URL (the font's base64 among them)


def peta_svg(peta, font: bool = False) -> str:
    """The map as SVG; `font`: with the labels' font inside it (for use as an image)."""
    geo = peta_geometri(peta)
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo["width"]:.0f} {geo["height"]:.0f}" '
        f'font-family="{fonts.FAMILY}, Arial, Helvetica, sans-serif">'
    ]
    if font:
        svg.append(f"<style>{fonts.css((700,))}</style>")
    for item in geo["items"]:
        fill = parts.WARNA.get(item["status"], parts.WARNA_KOSONG)
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in item["rings"])
        svg.append(
            f'<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">'
            f"<title>{_e(item['kecamatan'])}: {_e(parts.status_label(item['status']))}</title></path>"
        )
    for item in geo["items"]:
        if item["garis"]:
            (x0, y0), (x1, y1) = item["garis"]
            svg.append(
                f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#111" stroke-width="2"/>'
                f'<circle cx="{x0:.1f}" cy="{y0:.1f}" r="4" fill="#111"/>'
            )
    for item in geo["items"]:
        cx, cy = item["centre"]
        svg.append(
            f'<text x="{cx:.1f}" y="{cy + 0.36 * geo["font"]:.1f}" text-anchor="middle" '
            f'font-size="{geo["font"]:.0f}" font-weight="700" fill="#111" stroke="#fff" stroke-width="6" '
            f'paint-order="stroke" stroke-linejoin="round">{_e(item["label"])}</text>'
        )
    svg.append("</svg>")
    return "".join(svg)


def _peta_img(slide: parts.Slide) -> str:
    """The map as an <img> (Streamlit's st.html keeps no inline SVG). An image cannot use the page's
    fonts, so the SVG carries the bold face of its labels itself (about 0,6 MB, on this slide only).
    A region without boundaries gets a sentence saying so."""
    names = {i["kode"]: i["kecamatan"] for i in peta_geometri(slide.peta)["items"]}
    if not names:
        return f'<p class="rakor-catatan">{_e(teks.PETA_TANPA_BATAS)}</p>'
    alt = "; ".join(f"{names.get(k, k)}: {parts.status_label(s)}" for k, s in slide.peta.status)
    svg = peta_svg(slide.peta, font=True)
    return (
        f'<img class="rakor-peta" alt="{_e(slide.kicker)}. {_e(alt)}" '
        f'src="data:image/svg+xml,{urllib.parse.quote(svg, safe=_URL_SAFE)}">'
    )


# --------------------------------------------------------------------------- parts of a slide
def _angka(a: parts.Angka, cls: str = "") -> str:
    if a.status:
        return (
            f'<div class="rakor-angka rakor-angka-status rakor-bg-{a.status} {cls}">'
            f'<div class="rakor-angka-nilai">{_e(a.nilai)}</div>'
            f'<div class="rakor-angka-label">{_e(parts.status_label(a.status))}</div>'
            f'<div class="rakor-angka-ket">{_e(a.label)}</div></div>'
        )
    ket = f'<div class="rakor-angka-ket">{_e(a.keterangan)}</div>' if a.keterangan else ""
    return (
        f'<div class="rakor-angka {cls}"><div class="rakor-angka-label">{_e(a.label)}</div>'
        f'<div class="rakor-angka-nilai">{_e(a.nilai)}</div>{ket}</div>'
    )


def _tabel(slide: parts.Slide) -> str:
    total = sum(slide.lebar) or len(slide.kolom)
    widths = slide.lebar or (1,) * len(slide.kolom)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in widths)
    head = "".join(f"<th>{_e(k)}</th>" for k in slide.kolom)
    body = []
    for b in slide.baris:
        cells = []
        for i, value in enumerate(b.sel):
            if i == 0 and b.status:
                cells.append(f"<td>{_status_span(b.status, value)}</td>")
            else:
                cells.append(f"<td>{_e(value)}</td>")
        body.append(f'<tr class="rakor-baris-{b.status or "biasa"}">{"".join(cells)}</tr>')
    return (
        f'<table class="rakor-tabel"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _grafik(g: parts.Grafik) -> str:
    span = (g.sumbu_maks - g.sumbu_min) or 1.0

    def pos(value):
        return max(0.0, min(100.0, 100.0 * (value - g.sumbu_min) / span))

    lines = "".join(
        f'<div class="rakor-ambang" style="left:{pos(v):.2f}%"><span>{_e(t)}</span></div>' for v, t in g.ambang
    )
    rows = []
    for b in g.batang:
        colour = parts.WARNA.get(b.status, parts.WARNA_KOSONG)
        icon = parts.status_label(b.status).split(" ")[0] if b.status else ""
        rows.append(
            f'<div class="rakor-bar-baris"><div class="rakor-bar-label">{_e(b.label)}</div>'
            f'<div class="rakor-bar-jalur"><div class="rakor-bar" style="width:{pos(b.nilai):.2f}%;'
            f'background:{colour}"></div></div>'
            f'<div class="rakor-bar-teks">{_e(icon)} {_e(b.teks)}</div></div>'
        )
    return (
        f'<div class="rakor-grafik"><div class="rakor-grafik-judul">{_e(g.judul)}</div>'
        f'<div class="rakor-grafik-badan"><div class="rakor-ambang-lapis">{lines}</div>{"".join(rows)}</div></div>'
    )


def _catatan(slide: parts.Slide) -> str:
    return f'<p class="rakor-catatan">{_e(slide.catatan)}</p>' if slide.catatan else ""


def _isi(slide: parts.Slide) -> str:
    if slide.kind == "ringkasan":
        utama = "".join(_angka(a) for a in slide.angka if not a.status)
        status = "".join(_angka(a) for a in slide.angka if a.status)
        return (
            f'<div class="rakor-isi rakor-isi-ringkasan"><div class="rakor-angka-baris">{utama}</div>'
            f'<div class="rakor-angka-baris rakor-angka-baris-status">{status}</div></div>'
        )
    if slide.kind == "peta":
        status = "".join(_angka(a, "rakor-angka-kecil") for a in slide.angka)
        tabel = _tabel(slide) if slide.baris else ""
        return (
            f'<div class="rakor-isi rakor-isi-peta"><div class="rakor-peta-kotak">{_peta_img(slide)}</div>'
            f'<div class="rakor-samping"><div class="rakor-angka-tumpuk">{status}</div>{tabel}</div></div>'
        )
    if slide.grafik is not None:
        angka = "".join(_angka(a, "rakor-angka-kecil") for a in slide.angka)
        return (
            f'<div class="rakor-isi rakor-isi-grafik"><div class="rakor-samping-kiri">{angka}</div>'
            f'<div class="rakor-grafik-kolom">{_grafik(slide.grafik)}{_catatan(slide)}</div></div>'
        )
    if slide.baris:
        return f'<div class="rakor-isi rakor-isi-tabel">{_tabel(slide)}{_catatan(slide)}</div>'
    return f'<div class="rakor-isi rakor-isi-teks">{_catatan(slide)}</div>'


def _kaki(deck: parts.Deck, index: int) -> str:
    """The footer: election name (shortened first), data date and disclaimer (never cut), number."""
    pisah = '<span class="rakor-kaki-pisah">\u00a0·\u00a0</span>'
    return (
        f'<footer class="rakor-kaki"><span class="rakor-kaki-teks">'
        f'<span class="rakor-kaki-pemilihan" title="{_e(deck.nama)}">{_e(deck.nama)}</span>{pisah}'
        f'<span class="rakor-kaki-tetap"><b>{_e(deck.data_per_teks)}</b> ·\u00a0'
        f'<span class="rakor-kaki-disclaimer">{_e(deck.disclaimer)}</span></span></span>'
        f'<span class="rakor-kaki-nomor">{index + 1}/{len(deck.slides)}</span></footer>'
    )


def slide_html(deck: parts.Deck, index: int) -> str:
    """Slide `index` (0-based) as one `<section>`, footer included."""
    slide = deck.slides[index]
    sub = f'<p class="rakor-sub">{_e(slide.subjudul)}</p>' if slide.subjudul else ""
    return (
        f'<section class="rakor-slide rakor-slide-{slide.kind}" data-nomor="{index + 1}">'
        f'<header class="rakor-kepala"><div class="rakor-kicker">{_e(slide.kicker)}</div>'
        f'<h1 class="rakor-judul">{_e(slide.judul)}</h1>{sub}</header>'
        f"{_isi(slide)}"
        f"{_kaki(deck, index)}"
        f"</section>"
    )


def layar(deck: parts.Deck, index: int) -> str:
    """What the Presentasi page shows: the style and the current slide filling the screen (the font
    comes separately, from `fonts_html()`)."""
    return f'<style>{css()}</style><div class="rakor-layar" data-testid="rakor-layar">{slide_html(deck, index)}</div>'


def dokumen(deck: parts.Deck) -> str:
    """A standalone HTML document, one 1920x1080 page per slide (for the PDF)."""
    pages = "".join(f'<div class="rakor-halaman">{slide_html(deck, i)}</div>' for i in range(len(deck.slides)))
    title = _e(f"Rakor — {deck.nama} — {deck.data_per_teks}")
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{fonts.css()}\n{css()}</style></head><body class="rakor-cetak">{pages}</body></html>'
    )
