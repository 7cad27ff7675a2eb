"""The rakor deck's font, shipped with the app (assets/fonts/: Liberation Sans, SIL OFL 1.1), so a
line of text is as wide on the Presentasi page, in the PDF and in the tests on any machine,
whatever fonts it has. Liberation Sans has Arial's advance widths, so a line measured here is as
long in the PPTX (which names Arial) as on the page.

`css()`: `@font-face` rules with the files as `data:` URLs (no server path, works offline in a
page and in a local file printed by Chromium). `width()` / `shorten()`: a line measured with the
same files (Pillow's FreeType).
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from PIL import ImageFont

DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILY = "Liberation Sans"
FILES = {400: "LiberationSans-Regular.ttf", 700: "LiberationSans-Bold.ttf"}
ELLIPSIS = "…"
_MEASURE_SIZE = 1000  # measured at 1000 px and scaled: advance widths are linear without hinting


@functools.cache
def css(weights: tuple[int, ...] = (400, 700)) -> str:
    """The `@font-face` rules of these weights (`font-weight` 700 also serves the titles' 800)."""
    rules = []
    for weight in weights:
        name = FILES[weight]
        data = base64.b64encode((DIR / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {weight}; '
            f'font-display: swap; src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


@functools.cache
def _face(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(DIR / FILES[700 if bold else 400]), _MEASURE_SIZE, layout_engine=ImageFont.Layout.BASIC
    )


def width(text: str, size_px: float, bold: bool = False) -> float:
    """The advance width of `text` on one line at `size_px`, in the same unit as `size_px`."""
    return _face(bold).getlength(str(text)) * size_px / _MEASURE_SIZE


def shorten(text: str, size_px: float, max_width: float, bold: bool = False) -> str:
    """`text` whole when it fits in `max_width`, else cut at a word where possible and ended with `…`
    (an empty string when not even the ellipsis fits)."""
    text = str(text)
    if width(text, size_px, bold) <= max_width:
        return text
    lo, hi = 0, len(text)  # the longest prefix that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, size_px, bold) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    head = text[:lo]
    cut = head.rfind(" ")
    if cut > lo // 2:
        head = head[:cut]
    return head.rstrip(" ·,;:—-") + ELLIPSIS
