"""A list longer than a slide holds continues on the next slide: `bagi(slide)` measures the slide as
the supported screens lay it out and splits its table rows or bars over as many slides as they
need, the kicker of each later one ending in `(lanjutan 2/3)`. Nothing is left out and no line
says "+ 14 kecamatan lain" instead of the kecamatan.

The screens are the two the Presentasi page is drawn for (deck.css): a 1024x768 projector, the
smallest supported, where the 4:3 layout has a design canvas 1600 wide and text a fifth larger,
and 1920x1080, whose 16:9 canvas is wider but less high (1024 above the control bar). A slide
that fits both fits the PPTX and the PDF (1920 x 1080 without the bar) too. The heights below are
deck.css's sizes on those canvases (font size x line height, paddings, borders), and every line is
wrapped with the shipped font's own widths (fonts.py), as the browser wraps it; measured in
Chromium they agree to within a few pixels.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from . import fonts, parts

KENDALI = 56  # the control bar under the slide (assets/presentasi.css, --rakor-bar)
PAD_X, PAD_TOP, PAD_BOTTOM, GAP = 64, 36, 18, 20  # .rakor-slide
TEKS, BARIS = 28, 28 * 1.25  # body text and its line
CADANGAN = 0.98  # room for what a browser rounds differently
JARAK_ISI = 40  # .rakor-isi gap
BATANG, JARAK_BATANG = 40, 4  # .rakor-bar-baris min-height, .rakor-grafik-badan gap


@dataclass(frozen=True)
class Tata:
    """A screen's layout of a slide, in design px."""

    kanvas: float  # the canvas's width
    tinggi: float  # the slide's height
    kaki: float  # the footer: its lines, rule and padding
    samping_kiri: float  # .rakor-samping-kiri: the big numbers beside a chart
    samping: float  # .rakor-samping: the counts and the table beside the map

    @property
    def lebar(self) -> float:
        return self.kanvas - 2 * PAD_X


def _tata(layar_w: int, layar_h: int, kanvas: float, tinggi: float, **ukuran) -> Tata:
    """--u = min(100vw / kanvas, (100vh - bar) / tinggi); the slide is the screen above the bar."""
    u = min(layar_w / kanvas, (layar_h - KENDALI) / tinggi)
    return Tata(kanvas, (layar_h - KENDALI) / u, **ukuran)


TATA = (
    # 1024x768: the name on a line of its own in the footer, above the data date (2 lines).
    _tata(1024, 768, 1600, 1100, kaki=2 * 24 * 1.25 + 13, samping_kiri=360, samping=470),
    # 1920x1080: the footer on one line, the slide's number in larger type.
    _tata(1920, 1080, 1920, 1024, kaki=30 * 1.25 + 10, samping_kiri=480, samping=560),
)


def lines(text: str, size: float, width: float, bold: bool = False) -> int:
    """How many lines `text` takes wrapped at spaces in a box `width` wide (a word longer than the
    box takes a line of its own, as in the browser)."""
    space = fonts.width(" ", size, bold)
    n, current = 1, 0.0
    for word in str(text).split(" "):
        w = fonts.width(word, size, bold)
        if current and current + space + w > width:
            n, current = n + 1, w
        else:
            current += (space if current else 0.0) + w
    return n


def _isi(t: Tata, slide: parts.Slide, kicker: str) -> float:
    """The height between the header (kicker, title, subtitle, rule) and the footer."""
    kepala = lines(kicker.upper(), 28 * 1.05, t.lebar, bold=True) * 35 + 6  # letter-spacing 0.04em
    kepala += lines(slide.judul, 54, t.lebar, bold=True) * 54 * 1.12
    if slide.subjudul:
        kepala += 10 + lines(slide.subjudul, TEKS, t.lebar) * BARIS
    kepala += 14 + 6
    return (t.tinggi - PAD_TOP - PAD_BOTTOM - 2 * GAP - t.kaki - kepala) * CADANGAN


def _catatan(text: str, width: float, gap: float) -> float:
    return gap + lines(text, TEKS, width) * BARIS if text else 0.0


def _lebar_kolom(slide: parts.Slide, lebar: float) -> list[float]:
    widths = slide.lebar or (1,) * len(slide.kolom)
    return [lebar * w / sum(widths) for w in widths]


def _tinggi_baris(slide: parts.Slide, b: parts.Baris, lebar: float) -> float:
    """A table row: padding 8 + 8, a 2 px rule, its tallest cell (the first cell of a row with a
    status is a bold label with its own padding and border, one line high)."""
    tallest = 0.0
    for i, (text, w) in enumerate(zip(b.sel, _lebar_kolom(slide, lebar))):
        if i == 0 and b.status:
            tallest = max(tallest, BARIS + 4 + 4)
        else:
            tallest = max(tallest, lines(text, TEKS, w - 24, bold=i == 1) * BARIS)
    return 16 + 2 + tallest


def _kepala_tabel(slide: parts.Slide, lebar: float) -> float:
    widths = _lebar_kolom(slide, lebar)
    return 12 + 4 + max((lines(k, TEKS, w - 24, bold=True) for k, w in zip(slide.kolom, widths)), default=1) * BARIS


def _tabel(t: Tata, slide: parts.Slide, kicker: str) -> tuple[list[float], float]:
    """The rows' heights, and the height they may take under the header, table head and note."""
    room = _isi(t, slide, kicker) - _kepala_tabel(slide, t.lebar) - _catatan(slide.catatan, t.lebar, 14)
    return [_tinggi_baris(slide, b, t.lebar) for b in slide.baris], room


def _grafik(t: Tata, slide: parts.Slide, grafik: parts.Grafik, kicker: str) -> tuple[list[float], float]:
    """The bars' heights, and the height they may take under the header, chart title and note."""
    width = t.lebar - t.samping_kiri - JARAK_ISI
    judul = lines(grafik.judul, TEKS, width, bold=True) * BARIS + 50 + 10
    room = _isi(t, slide, kicker) - judul - _catatan(slide.catatan, width, 10) + JARAK_BATANG
    return [BATANG + JARAK_BATANG] * len(grafik.batang), room


def peta_muat(slide: parts.Slide) -> bool:
    """Whether the map slide's table (beside the map, under its three counts) fits whole."""
    angka = len(slide.angka) * 112 + max(len(slide.angka) - 1, 0) * 14 + 22
    return all(
        sum(_tinggi_baris(slide, b, t.samping) for b in slide.baris)
        <= _isi(t, slide, slide.kicker) - angka - _kepala_tabel(slide, t.samping)
        for t in TATA
    )


def _bagian(ukuran: list[tuple[list[float], float]]) -> list[int]:
    """How many items each slide takes, in order, given each screen's (item heights, room): as few
    slides as every screen needs, the items spread evenly over them where the heights allow (7, 7, 7
    rather than 8, 8, 5)."""
    n = len(ukuran[0][0])

    def pack(most: int) -> list[int]:
        out, start = [], 0
        while start < n:
            end = start + 1  # one item a slide at least, however tall
            while (
                end < n
                and end - start < most
                and all(sum(heights[start : end + 1]) <= room for heights, room in ukuran)
            ):
                end += 1
            out.append(end - start)
            start = end
        return out

    greedy = pack(n)
    even = pack(math.ceil(n / len(greedy))) if greedy else greedy
    return even if len(even) == len(greedy) else greedy


def _kicker(kicker: str, i: int, n: int) -> str:
    return kicker if i == 0 else f"{kicker} (lanjutan {i + 1}/{n})"


def bagi(slide: parts.Slide) -> list[parts.Slide]:
    """`slide`, or its rows or bars over as many slides as they need on every supported screen
    (the header, the big numbers and the note repeated on each)."""
    longest = f"{slide.kicker} (lanjutan 10/10)"
    if slide.grafik is not None and slide.grafik.batang:
        counts = _bagian([_grafik(t, slide, slide.grafik, longest) for t in TATA])
    elif slide.baris and slide.kind != "peta":
        counts = _bagian([_tabel(t, slide, longest) for t in TATA])
    else:
        return [slide]
    if len(counts) <= 1:
        return [slide]
    out, start = [], 0
    for i, count in enumerate(counts):
        part = slice(start, start + count)
        start += count
        kicker = _kicker(slide.kicker, i, len(counts))
        if slide.grafik is not None:
            grafik = dataclasses.replace(slide.grafik, batang=slide.grafik.batang[part])
            out.append(dataclasses.replace(slide, kicker=kicker, grafik=grafik))
        else:
            out.append(dataclasses.replace(slide, kicker=kicker, baris=slide.baris[part]))
    return out
