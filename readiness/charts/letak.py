"""Where each name goes on a map so that no two names overlap, in the map's own units (degrees on
the dashboard's map, canvas pixels on the slide's), for text boxes whose size the caller estimates
from the font at the size the map is drawn.

Greedy and deterministic: the most crowded points are placed first; each name takes the first
place that covers no name placed before it, no other point and stays inside `batas`: beside its
point (above, below, right, left, the corners), else farther out in rings of growing distance.
A name set away from its point gets a leader line (`garis`) from the point to the nearest edge of
its box. When nothing is clear within MAX_RING rings it takes the place that covers least."""

from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

MAX_RING = 8
DIRECTIONS = 16  # per ring


@dataclass(frozen=True)
class Label:
    """A placed name: its box, the point it names, and whether a leader line joins them."""

    box: Box
    titik: tuple[float, float]
    garis: bool

    @property
    def pusat(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)

    @property
    def ujung(self) -> tuple[float, float]:
        """The point of the box's edge nearest to the named point: where its leader line ends."""
        x, y = self.titik
        return (min(max(x, self.box[0]), self.box[2]), min(max(y, self.box[1]), self.box[3]))


def tumpang(a: Box, b: Box) -> float:
    """The area two boxes share (0 when they only touch or are apart)."""
    w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _beside(x: float, y: float, w: float, h: float, gap: float) -> list[Box]:
    """The boxes right beside a point, in the order they are preferred."""
    above, below, middle = (y + gap, y + gap + h), (y - gap - h, y - gap), (y - h / 2, y + h / 2)
    centre, right, left = (x - w / 2, x + w / 2), (x + gap, x + gap + w), (x - gap - w, x - gap)
    order = [
        (centre, above),
        (centre, below),
        (right, middle),
        (left, middle),
        (right, above),
        (left, above),
        (right, below),
        (left, below),
    ]
    return [(xs[0], ys[0], xs[1], ys[1]) for xs, ys in order]


def _rings(x: float, y: float, w: float, h: float, gap: float) -> list[Box]:
    """Boxes farther out: centred on rings around the point, each ring a line height farther."""
    out = []
    for ring in range(1, MAX_RING + 1):
        for k in range(DIRECTIONS):
            angle = math.pi / 2 - 2 * math.pi * k / DIRECTIONS  # from straight up, clockwise
            dx, dy = math.cos(angle), math.sin(angle)
            # The distance from the box's centre to its edge along this direction, plus the ring.
            reach = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
            r = reach + gap + ring * h
            cx, cy = x + r * dx, y + r * dy
            out.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    return out


def _cost(box: Box, taken: list[Box], batas: Box | None) -> float:
    """How much of other names and markers a box covers; a box leaving `batas` costs its area."""
    outside = 0.0
    if batas is not None and not (
        box[0] >= batas[0] and box[1] >= batas[1] and box[2] <= batas[2] and box[3] <= batas[3]
    ):
        outside = (box[2] - box[0]) * (box[3] - box[1])
    return outside + sum(tumpang(box, o) for o in taken)


def letakkan(
    titik: list[tuple[float, float]],
    ukuran: list[tuple[float, float]],
    gap: float,
    batas: Box | None = None,
    tanda: float = 0.0,
    di_titik: bool = False,
) -> list[Label]:
    """A Label per point (same order): `ukuran` the (width, height) of each name's box, `gap` the
    space between a point and a name beside it, `batas` the box every name must stay in (when
    given), `tanda` the size of the marker drawn at each point (names keep off other markers),
    `di_titik`: a name is first tried centred on its point (a map without markers)."""
    markers = [(x - tanda / 2, y - tanda / 2, x + tanda / 2, y + tanda / 2) for x, y in titik]
    spread = max((max(w for w, _ in ukuran) if ukuran else 1.0), 1e-9)

    def crowd(i: int) -> int:
        x, y = titik[i]
        return sum(1 for j, (u, v) in enumerate(titik) if j != i and abs(u - x) < spread and abs(v - y) < spread)

    placed: list[Box] = []
    out: dict[int, Label] = {}
    for i in sorted(range(len(titik)), key=lambda i: (-crowd(i), i)):
        x, y = titik[i]
        w, h = ukuran[i]
        near = _beside(x, y, w, h, gap)
        if di_titik:
            near.insert(0, (x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        taken = placed + [m for j, m in enumerate(markers) if j != i]
        best, best_cost = None, math.inf
        for box in near + _rings(x, y, w, h, gap):
            c = _cost(box, taken, batas)
            if c == 0:
                best = box
                break
            if c < best_cost:
                best, best_cost = box, c
        placed.append(best)
        out[i] = Label(best, (x, y), best not in near)
    return [out[i] for i in range(len(titik))]
