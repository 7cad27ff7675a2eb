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

import numpy as np

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


# From straight up, clockwise: the direction of each place on a ring.
_ARAH = [(math.cos(a), math.sin(a)) for a in (math.pi / 2 - 2 * math.pi * k / DIRECTIONS for k in range(DIRECTIONS))]


def _rings(x: float, y: float, w: float, h: float, gap: float) -> list[Box]:
    """Boxes farther out: centred on rings around the point, each ring a line height farther."""
    out = []
    for ring in range(1, MAX_RING + 1):
        for dx, dy in _ARAH:
            # The distance from the box's centre to its edge along this direction, plus the ring.
            reach = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
            r = reach + gap + ring * h
            cx, cy = x + r * dx, y + r * dy
            out.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    return out


def _costs(boxes: list[Box], taken: np.ndarray, batas: Box | None) -> np.ndarray:
    """Per box: how much of the `taken` boxes (rows x0, y0, x1, y1) it covers, summed in their
    order; a box leaving `batas` costs its area besides. Only the taken boxes that reach the
    boxes' common envelope are compared (the others cover none of them)."""
    c = np.asarray(boxes, dtype=float)
    near = taken[
        (taken[:, 2] > c[:, 0].min())
        & (taken[:, 0] < c[:, 2].max())
        & (taken[:, 3] > c[:, 1].min())
        & (taken[:, 1] < c[:, 3].max())
    ]
    if len(near):
        w = np.minimum(c[:, None, 2], near[None, :, 2]) - np.maximum(c[:, None, 0], near[None, :, 0])
        h = np.minimum(c[:, None, 3], near[None, :, 3]) - np.maximum(c[:, None, 1], near[None, :, 1])
        # Summed one after another, as a plain sum would: the same cost to the last bit.
        covered = np.cumsum(np.where((w > 0) & (h > 0), w * h, 0.0), axis=1)[:, -1]
    else:
        covered = np.zeros(len(c))
    if batas is None:
        return covered
    inside = (c[:, 0] >= batas[0]) & (c[:, 1] >= batas[1]) & (c[:, 2] <= batas[2]) & (c[:, 3] <= batas[3])
    return np.where(inside, 0.0, (c[:, 2] - c[:, 0]) * (c[:, 3] - c[:, 1])) + covered


def _terbaik(near: list[Box], x: float, y: float, w: float, h: float, gap: float, taken, batas) -> Box:
    """The first of the places beside the point and then on the rings that covers nothing, else
    the first that covers least."""
    costs = _costs(near, taken, batas)
    if costs.min() == 0:
        return near[int(np.argmin(costs))]
    far = _rings(x, y, w, h, gap)
    costs = np.concatenate([costs, _costs(far, taken, batas)])
    return (near + far)[int(np.argmin(costs))]


def _crowd(pts: np.ndarray, spread: float, chunk: int = 512) -> np.ndarray:
    """Per point: how many other points lie within `spread` of it in both x and y (a few hundred
    rows at a time, so the whole country's kecamatan need little memory)."""
    out = np.zeros(len(pts), dtype=int)
    for start in range(0, len(pts), chunk):
        part = pts[start : start + chunk]
        near = (np.abs(part[:, None, 0] - pts[None, :, 0]) < spread) & (
            np.abs(part[:, None, 1] - pts[None, :, 1]) < spread
        )
        out[start : start + chunk] = near.sum(axis=1) - 1  # each point is near itself
    return out


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
    `di_titik`: a name is first tried centred on its point (a map without markers).

    Each place is checked against the names placed before and the other markers at once (numpy),
    only against those near enough to touch any of its places: a province's hundreds of names
    take a fraction of a second."""
    n = len(titik)
    pts = np.asarray(titik, dtype=float).reshape(n, 2)
    markers = np.column_stack([pts - tanda / 2, pts + tanda / 2])
    spread = max((max(w for w, _ in ukuran) if ukuran else 1.0), 1e-9)
    crowd = _crowd(pts, spread)

    placed = np.empty((n, 4))
    out: dict[int, Label] = {}
    for k, i in enumerate(sorted(range(n), key=lambda i: (-int(crowd[i]), i))):
        x, y = titik[i]
        w, h = ukuran[i]
        near = _beside(x, y, w, h, gap)
        if di_titik:
            near.insert(0, (x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        taken = np.concatenate([placed[:k], markers[:i], markers[i + 1 :]])
        best = _terbaik(near, x, y, w, h, gap, taken, batas)
        placed[k] = best
        out[i] = Label(best, (x, y), best not in near)
    return [out[i] for i in range(n)]
