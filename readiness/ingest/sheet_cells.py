"""The cells of a piece of sheet XML: where each cell's reference, value and tag are, its column,
row and kind, found with a few numpy passes over the piece's bytes, which let go of the interpreter.
from_tags reads the common shape as written, from its tags; from_lines a piece once sheet_batches.py
has made each cell one line of text (`\\n` ` r="A12" t="s">` SEP value SEP rest). A piece not written
so gives None (sheet_batches.py reads it another way)."""

from __future__ import annotations

import threading

import numpy as np
import pyarrow as pa

NEWLINE, SEP, QUOTE, TAG_END, LT, SLASH = 0x0A, 0x1F, ord('"'), ord(">"), ord("<"), ord("/")
LEAD = b' r="'  # what each line starts with: the cell's reference, its first attribute
# kind of a cell: 0 text, 1 number (also a cell without a type), 2 shared string index, 3 boolean
KIND = {b"n": 1, b"s": 2, b"b": 3}
_UPPER = (ord("A"), ord("Z"))
_MAX_ROW_DIGITS = 7  # Excel's last row is 1.048.576
_MAX_COL_LETTERS = 3  # and its last column XFD


class Cells:
    """The cells of a piece: column (1 for A), row and kind (numpy; KIND) of each, its value as
    written (`values(kept)`: Arrow texts, NO_VALUE or null without one) and its tag from the
    reference on (`tags(kept)`, for the style); `plain`: the values are already texts (ElementTree
    resolved newlines and references), else whether the piece had newlines or an `&`; `empty`:
    whether a value may be NO_VALUE."""

    def __init__(self, col, row, kind, v: pa.Array, tag: pa.Array, plain: bool, stride: int = 1):
        self.col, self.row, self.kind = col, row, kind
        self._v, self._tag, self._stride = v, tag, stride  # cell i is element stride * i
        self.plain, self.newlines, self.ampersand, self.empty = plain, False, True, True
        self.escapes = True  # whether a text may hold an escape such as `_x000D_` (sheet_batches._decoded)

    def values(self, kept: np.ndarray) -> pa.Array:
        return self._v.take(pa.array(kept * self._stride))

    def tags(self, kept: np.ndarray) -> pa.Array:
        return self._tag.take(pa.array(kept * self._stride))

    @classmethod
    def empty(cls) -> Cells:
        none = np.zeros(0, np.int64)
        return cls(none, none, none.astype(np.int8), pa.array([], pa.string()), pa.array([], pa.string()), False)


def from_lines(buffer: pa.Buffer, closed: bool = False) -> Cells | None:
    """The cells of `buffer`, a piece whose cells are lines of three fields (reference and tag,
    value, rest) split by SEP; text before the first line is not a cell (and has no SEP); None
    unless every line has exactly three fields. `closed`: every value is written `<` SEP value
    `</` SEP (`<v>` and `</v>` made so by one replacement of `v>`; a text cannot hold a `<`, so a
    `v>` in a text or a formula is never so)."""
    data = np.frombuffer(buffer, np.uint8)
    lines = np.flatnonzero(data == NEWLINE)
    seps = np.flatnonzero(data == SEP)
    if len(lines) == 0:
        return None if len(seps) else Cells.empty()
    n = len(lines)
    if len(seps) != 2 * n or seps[0] < lines[0]:
        return None  # a field outside a line: a value of a cell written without its reference
    first, second = seps[0::2], seps[1::2]
    ends = np.append(lines[1:], len(data))
    if not ((first > lines).all() and (second < ends).all()):
        return None  # a line of another number of fields
    try:
        pa.LargeStringArray.from_buffers(1, pa.py_buffer(np.array([0, len(data)], np.int64)), buffer).validate(
            full=True
        )
    except pa.ArrowInvalid:
        return None  # not UTF-8
    if closed:
        if not ((data[first - 1] == LT).all() and (data[second - 2] == LT).all() and (data[second - 1] == SLASH).all()):
            return None
        second = second - 2
    start = lines + 1
    place = _place(data, start, first)
    if place is None:
        return None
    # values and tags as every other element of texts over the piece itself (no copy until taken)
    values = _every_other(buffer, first + 1, second)
    tags = _every_other(buffer, start, first)
    return Cells(*place, values, tags, plain=False, stride=2)


def from_tags(body: bytes, wanted: np.ndarray | None = None) -> Cells | None:
    """The cells of `body`, a piece of sheet XML without a namespace prefix, read from its tags as
    they stand (no replacement, no copy): a text holds no `<`, so every `<` opens a tag, and a value
    ends where the next tag opens. Every cell (a tag `<c…`, checked to be `<c r="` by _columns) must
    hold exactly one value after its tag, `<v>`…`</v>` or inline `<is><t>`…`</t></is>` (`<is><t/></is>`
    empty); else None (another shape: from_lines reads it once replacements made it lines).
    `wanted[column]` (1 for A; past its end: the last): only the cells of those columns are kept."""
    data = np.frombuffer(body, np.uint8)
    padded, is_lt = _scratch(len(data) + 16)  # this thread's, for each of its pieces in turn
    padded[: len(data)], padded[len(data) :] = data, 0
    padded[len(data) : len(data) + 3] = LT  # three tags past the end: a tag's next ones always are
    at = np.flatnonzero(np.equal(padded, LT, out=is_lt))  # every tag
    name = padded[at + 1]  # the first letter of its name
    cell = np.flatnonzero(name == ord("c"))
    cells = at[cell]
    opening = np.flatnonzero((name == ord("v")) | (name == ord("i")))  # `<v>` or `<is>`
    n = len(cells)
    if len(opening) != n:
        return None
    if n == 0:
        return Cells.empty()
    tag = at[opening]
    if not ((tag > cells).all() and (tag[:-1] < cells[1:]).all()):
        return None  # a cell without a value, or with two
    found = _columns(padded, cells + 2)
    if found is None:
        return None
    col, digits = found
    if wanted is not None:  # the rest of the other cells is not read
        kept = np.flatnonzero(wanted[np.minimum(col, len(wanted) - 1)])
        if len(kept) == 0:
            return Cells.empty()
        col, digits, cell, cells, opening, tag = (a[kept] for a in (col, digits, cell, cells, opening, tag))
    value = _value(padded, at, opening)
    if value is None:
        return None
    try:
        pa.StringArray.from_buffers(1, pa.py_buffer(np.array([0, len(data)], np.int32)), pa.py_buffer(body)).validate(
            full=True
        )
    except pa.ArrowInvalid:
        return None  # not UTF-8
    found = _rows(padded, digits)
    if found is None:
        return None
    row, quote = found
    buffer = pa.py_buffer(body)
    values, tags = _every_other(buffer, *value), _every_other(buffer, cells + 2, tag)
    # a cell's tag ends before the next tag (its value's, or a formula's)
    return Cells(col, row, _kind(data, padded, quote, tag, at[cell + 1]), values, tags, False, 2)


def _value(padded: np.ndarray, at: np.ndarray, opening: np.ndarray):
    """(start, end) of the values whose tags open at `at[opening]`: `<v>`…`</v>`, or inline
    `<is><t>`…`</t></is>` (`<is><t/></is>` empty); None when one is written otherwise."""
    tag, after = at[opening], at[opening + 1]
    inline = padded[tag + 1] == ord("i")
    start, end = tag + 3, after
    ok = _is(padded, tag + 2, b">") & _is(padded, after + 1, b"/v>")
    if inline.any():
        close = at[opening + 2]
        empty = _is(padded, after, b"<t/></is>")  # <is><t/></is>
        ok = np.where(
            inline,
            _is(padded, tag + 2, b"s><t") & (empty | (_is(padded, after + 2, b">") & _is(padded, close, b"</t></is>"))),
            ok,
        )
        start = np.where(inline, np.where(empty, after + 4, tag + 7), start)
        end = np.where(inline, np.where(empty, after + 4, close), end)
    return (start, end) if ok.all() else None


def _is(padded: np.ndarray, at: np.ndarray, text: bytes) -> np.ndarray:
    """Whether `text` is written at each of `at` in `padded`."""
    found = padded[at] == text[0]
    for k in range(1, len(text)):
        found &= padded[at + k] == text[k]
    return found


_HELD = threading.local()


def _scratch(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Bytes and flags of `size` held by this thread from one piece to the next: a fresh megabyte
    a piece costs more (its pages are mapped anew) than the passes over it."""
    held = getattr(_HELD, "arrays", None)
    if held is None or len(held[0]) < size:
        held = _HELD.arrays = (np.empty(size + size // 4, np.uint8), np.empty(size + size // 4, bool))
    return held[0][:size], held[1][:size]


def _every_other(buffer: pa.Buffer, starts: np.ndarray, stops: np.ndarray) -> pa.Array:
    """Texts whose element 2i is buffer[starts[i]:stops[i]] (the ones between: what lies between)."""
    offsets = np.empty(2 * len(starts) + 1, np.int32)
    offsets[0:-1:2], offsets[1::2], offsets[-1] = starts, stops, stops[-1]
    return pa.StringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets), buffer)


def _place(data: np.ndarray, start: np.ndarray, stop: np.ndarray):
    """(column, row, kind) of each cell whose reference and tag are data[start:stop] (` r="A12"
    t="s">`, perhaps a formula after the tag), or None when one does not begin with LEAD, its
    reference and a quote. Each field ends at a SEP, which is neither a letter, a digit nor a quote,
    so reading on past a field stops there."""
    padded = np.zeros(len(data) + 16, np.uint8)  # bytes a few places past the end can be read
    padded[: len(data)] = data
    found = _columns(padded, start)
    if found is None:
        return None
    col, at = found
    found = _rows(padded, at)
    if found is None:
        return None
    row, quote = found
    return col, row, _kind(data, padded, quote, stop)


def _columns(padded: np.ndarray, start: np.ndarray):
    """(column, where its row's first digit is) of each cell whose tag goes on at `start` with
    LEAD and the letters of its reference; None when one does not."""
    for k, lead in enumerate(LEAD):
        if not (padded[start + k] == lead).all():
            return None
    start = start + len(LEAD)
    char = [padded[start + k] for k in range(_MAX_COL_LETTERS + 1)]
    letter = [(c - _UPPER[0]).astype(np.uint8) <= _UPPER[1] - _UPPER[0] for c in char]
    two, three = letter[1], letter[1] & letter[2]
    if not letter[0].all() or (three & letter[3]).any():
        return None
    value = [c.astype(np.int32) - 64 for c in char[:3]]
    col = np.where(three, (value[0] * 26 + value[1]) * 26 + value[2], np.where(two, value[0] * 26 + value[1], value[0]))
    return col, start + 1 + two + three


def _rows(padded: np.ndarray, at: np.ndarray):
    """(row, where the quote after it is) of each cell whose row's digits begin at `at`; None when
    one is not digits and a quote (row 0 is none either)."""
    row, reading = np.zeros(len(at), np.int64), np.ones(len(at), bool)
    for _ in range(_MAX_ROW_DIGITS + 1):
        digit = padded[at] - np.uint8(ord("0"))
        reading &= digit <= 9
        if not reading.any():
            break
        row = np.where(reading, row * 10 + digit, row)
        at = at + reading
    if reading.any() or (row == 0).any() or not (padded[at] == QUOTE).all():
        return None
    return row, at


def _typed(padded: np.ndarray) -> np.ndarray:
    """Where ` t="` is written in `padded`, in order: `t=` found as two bytes at a time (at even
    places, then at odd ones), then the space and quote around it checked."""
    pair = ord("t") | ord("=") << 8
    half = (len(padded) - 1) // 2
    even = np.flatnonzero(padded[: 2 * half].view("<u2") == pair) * 2
    odd = np.flatnonzero(padded[1 : 1 + 2 * half].view("<u2") == pair) * 2 + 1
    found = np.sort(np.concatenate((even, odd)))
    found = found[(found > 0) & (padded[found - 1] == ord(" ")) & (padded[found + 2] == QUOTE)]
    return found - 1


def _kind(data: np.ndarray, padded: np.ndarray, quote: np.ndarray, stop: np.ndarray, tag_end=None) -> np.ndarray:
    """Each cell's KIND from its type attribute (` t="s"`), looked for in its tag only (up to the
    first `>`, or `tag_end` when known: a formula may follow it)."""
    after = [padded[quote + k] for k in range(1, 5)]
    first_type = (after[0] == ord(" ")) & (after[1] == ord("t")) & (after[2] == ord("=")) & (after[3] == QUOTE)
    no_attributes = (after[0] == TAG_END) | (after[0] == SEP)
    if (first_type | no_attributes).all():  # `A12" t="s">` or `A12">`: the type, if any, first
        found, has_type = quote + 1, first_type
    else:  # other attributes (a style) before it, or none: the first ` t="` after the reference
        typed = _typed(padded)
        if tag_end is None:
            closing = np.flatnonzero(data == TAG_END)
            tag_end = np.minimum(stop, np.append(closing, len(data))[np.searchsorted(closing, quote)])
        found = np.append(typed, len(data))[np.searchsorted(typed, quote)]
        has_type = found < tag_end
    first, then = padded[found + 4], padded[found + 5]
    kind = np.ones(len(quote), np.int8)
    kind[has_type] = 0
    for letter, code in KIND.items():
        kind[has_type & (first == letter[0]) & (then == QUOTE)] = code
    return kind
