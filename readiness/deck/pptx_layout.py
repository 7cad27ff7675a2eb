"""The PPTX deck's layout: the 1920 x 1080 design grid in EMU and points, the house colours and
font, a text box filled with runs, and the parts every slide has (its header: kicker, finding and
subtitle; its footer, measured with the deck's font). The slide writers are as_pptx.py."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from . import fonts, parts

EMU_PX = 6350
W, H = 1920, 1080
PAD_X, PAD_TOP, PAD_BOTTOM = 64, 36, 18
FONT = "Arial"
HITAM, PUTIH, BIRU, ABU = "111111", "FFFFFF", "0B3D6B", "8A8A8A"
CHAR = 0.48  # mean advance of a character in ems, Arial / Liberation Sans (measured on the slides: ~0,46)


def px(value: float) -> Emu:
    return Emu(int(round(value * EMU_PX)))


def fpt(value_px: float) -> Pt:
    return Pt(value_px / 2)


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def line_count(text: str, size_px: float, width_px: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width_px` wide (word wrap, estimated)."""
    per_char = size_px * (CHAR + (0.03 if bold else 0))
    lines, current = 1, 0.0
    for word in str(text).split(" "):
        w = len(word) * per_char
        if current and current + per_char + w > width_px:
            lines += 1
            current = w
        else:
            current += (per_char if current else 0) + w
    return lines


def text_box(
    shapes,
    x,
    y,
    w,
    h,
    paragraphs,
    *,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    fill=None,
    border=None,
    border_px=4,
    wrap=True,
    shape=None,
):
    """A text box; paragraphs are (text, size_px, bold, colour)."""
    if shape is None:
        box = shapes.add_textbox(px(x), px(y), px(w), px(h))
    else:
        box = shapes.add_shape(shape, px(x), px(y), px(w), px(h))
        box.shadow.inherit = False
        if shape == MSO_SHAPE.ROUNDED_RECTANGLE:
            box.adjustments[0] = min(0.5, 14 / max(1, min(w, h)))
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(fill)
    elif shape is not None:
        box.fill.background()
    if border:
        box.line.color.rgb = rgb(border)
        box.line.width = px(border_px)
    elif shape is not None:
        box.line.fill.background()
    _fill(box.text_frame, paragraphs, align=align, anchor=anchor, wrap=wrap, margin=None if shape is None else (24, 12))
    return box


def _fill(tf, paragraphs, *, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, wrap=True, margin=None):
    """Write paragraphs (text, size_px, bold, colour) into a text frame; a paragraph may also be a
    list of such runs. `margin`: (left/right, top/bottom) in px, none by default."""
    tf.word_wrap = wrap
    tf.vertical_anchor = anchor
    mx, my = margin or (0, 0)
    tf.margin_left = tf.margin_right = px(mx)
    tf.margin_top = tf.margin_bottom = px(my)
    for i, paragraph in enumerate(paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        for text, size, bold, colour in paragraph if isinstance(paragraph, list) else [paragraph]:
            run = p.add_run()
            run.text = text
            run.font.size = fpt(size)
            run.font.bold = bold
            run.font.name = FONT
            run.font.color.rgb = rgb(colour)


def _rule(shapes, x, y, w, thickness, colour):
    bar = shapes.add_shape(MSO_SHAPE.RECTANGLE, px(x), px(y), px(w), px(thickness))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(colour)
    bar.line.fill.background()
    bar.shadow.inherit = False
    return bar


# --------------------------------------------------------------------------- header and footer
def header(shapes, slide: parts.Slide) -> float:
    width = W - 2 * PAD_X
    y = PAD_TOP
    text_box(shapes, PAD_X, y, width, 36, [(slide.kicker.upper(), 28, True, BIRU)])
    y += 41
    n = line_count(slide.judul, 54, width, bold=True)
    # The layout's title placeholder, placed and styled here (the template's own is a 4:3 centred box).
    title = shapes.title
    title.name = "Judul"
    title.left, title.top, title.width, title.height = px(PAD_X), px(y), px(width), px(61 * n)
    title.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    _fill(title.text_frame, [(slide.judul, 54, True, "000000")])
    y += 61 * n
    if slide.subjudul:
        n = line_count(slide.subjudul, 28, width)
        text_box(shapes, PAD_X, y + 10, width, 35 * n, [(slide.subjudul, 28, False, "222222")])
        y += 10 + 35 * n
    y += 14
    _rule(shapes, PAD_X, y, width, 6, BIRU)
    return y + 6 + 20


FOOTER_PX = 24
FOOTER_SLACK = 0.97  # room for PowerPoint's own rounding of the measured line


def footer_runs(deck: parts.Deck, width_px: float) -> list[tuple[str, float, bool, str]]:
    """The footer line as runs (text, size_px, bold, colour) that fit `width_px` on one line: the
    data date and the disclaimer whole, the region and the election name shortened with `…` to what is left (left
    out, with its separator, when nothing of it would be readable)."""
    sep = " · "
    fixed = [
        (deck.data_per_teks, FOOTER_PX, True, HITAM),
        (sep, FOOTER_PX, False, HITAM),
        (deck.disclaimer, FOOTER_PX, False, HITAM),
    ]
    room = width_px * FOOTER_SLACK - sum(fonts.width(t, size, bold) for t, size, bold, _ in fixed)
    name = fonts.shorten(deck.nama, FOOTER_PX, room - fonts.width(sep, FOOTER_PX))
    if len(name.rstrip(fonts.ELLIPSIS)) < 4:
        return fixed
    return [(name, FOOTER_PX, False, HITAM), (sep, FOOTER_PX, False, HITAM), *fixed]


def footer(shapes, deck: parts.Deck, nomor: int) -> float:
    y = H - PAD_BOTTOM - 40
    _rule(shapes, PAD_X, y - 10, W - 2 * PAD_X, 2, HITAM)
    width = W - 2 * PAD_X - 140
    # Word wrap on and anchored at the bottom: should a viewer's font still run longer than measured,
    # the line wraps upwards inside the slide instead of running off its edge.
    box = text_box(shapes, PAD_X, y - 8, width, 36, [footer_runs(deck, width)], anchor=MSO_ANCHOR.BOTTOM)
    box.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # a box that grew to fit would grow downwards
    box.name = "Kaki"
    text_box(
        shapes,
        W - PAD_X - 140,
        y - 4,
        140,
        40,
        [(f"{nomor}/{len(deck.slides)}", 30, True, HITAM)],
        align=PP_ALIGN.RIGHT,
    )
    return y - 10 - 20
