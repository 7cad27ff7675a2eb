"""Regenerate reference/nasional/ — every provinsi, kab/kota, kecamatan and desa/kelurahan of
Indonesia with its centroid, and the boundaries of every kab/kota and kecamatan — from pinned
sources (both MIT, Cahya DSN):

  names and codes   cahyadsn/wilayah @ b7ad440 : db/wilayah.sql (the file reference/kabkota.csv
                    is built from, see build_kabkota.py)
  centroids, paths  cahyadsn/wilayah_boundaries @ 3c5a796 : db/prov/*.sql, db/kab/*.sql,
                    db/kec/*.sql, db/kel/NN/*.sql (only the `lat`,`lng` of desa/kelurahan are used)

    python reference/build_nasional.py --wilayah-sql path/to/wilayah.sql --boundaries path/to/wilayah_boundaries
    python reference/build_nasional.py --download ~/.cache/wilayah      # fetches the pinned files (~370 MB)

Every input must be byte-identical to its pin (SHA-256 listed in reference/nasional/inputs.sha256,
paths relative to a folder holding `cahyadsn/wilayah/` and `cahyadsn/wilayah_boundaries/`), and the
output is byte-identical on every rerun: rows sorted by code, numbers rounded, gzip without a
timestamp or file name. reference/kabkota.csv is rewritten too, by build_kabkota's code, and
reference/kecamatan.geojson (the sample kabupaten's kecamatan, as in the national file).

Needs shapely (pinned in requirements-test.txt): neighbouring kecamatan of the source overlap,
and each overlap is split between them (`without_overlaps`).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
from pathlib import Path

import build_kabkota as kabkota
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.polygon import orient

OUT = Path(__file__).with_name("nasional")
SAMPLE, SAMPLE_BOUNDARIES = "35.13", Path(__file__).with_name("kecamatan.geojson")  # the sample data's region
PINS = OUT / "inputs.sha256"
WILAYAH = ("cahyadsn/wilayah", kabkota.COMMIT)
BOUNDARIES = ("cahyadsn/wilayah_boundaries", "3c5a7960f4d227a38489094d84252bdbb3f978a5")
EXPECTED = {"provinsi": 38, "kabkota": 514, "kecamatan": 7285, "desa": 83762}

# Centroids are kept at 6 decimals (~0.1 m, as in reference/kecamatan.csv and desa.csv). Boundaries
# are drawn on a map of a whole kab/kota at the finest: 5 decimals (~1 m) for kecamatan, as in
# reference/kecamatan.geojson, 4 (~11 m) for kab/kota, which are only drawn province- or nation-wide.
POINT_DECIMALS = 6
PATH_DECIMALS = {"kecamatan": 5, "kabkota": 4}

# ('11.01.01.2001','Keude Bakongan'), — every level of the Kepmendagri code.
_WILAYAH_ROW = re.compile(r"^\('(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)','((?:[^']|'')*)'\)[,;]?\s*$")
# ('35.13.01','Sukapura',-7.92,113.01,'[[[...]]]'), — some files put spaces after the commas.
_BOUNDARY_ROW = re.compile(
    r"^\s*\(\s*'([\d.]+)'\s*,\s*'((?:[^']|'')*)'\s*,\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*,"
    r"\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*,\s*'([^']*)'\s*\)\s*[,;]?\s*$"
)
_FOLDER = {2: "prov", 5: "kab", 8: "kec", 13: "kel"}
LEVEL = {2: "provinsi", 5: "kabkota", 8: "kecamatan", 13: "desa"}


# --------------------------------------------------------------------------- inputs
def read_pins(path: Path = PINS) -> dict[str, str]:
    """'cahyadsn/wilayah_boundaries/db/kec/wilayah_boundaries_kec_35.sql' -> its SHA-256."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            pins[name.lstrip("*")] = digest
    return pins


def local_inputs(wilayah_sql: Path, boundaries: Path, pins: dict[str, str]) -> dict[str, bytes]:
    """The pinned files read from local copies, each checked against its SHA-256."""
    found: dict[str, bytes] = {}
    for name, digest in pins.items():
        _, repo, path = name.split("/", 2)
        source = wilayah_sql if repo == "wilayah" else boundaries / path
        if not source.is_file():
            sys.exit(f"{source}: missing ({name} @ {_commit(repo)[:7]})")
        found[name] = kabkota.check_sha256(source.read_bytes(), digest, str(source))
    return found


def downloaded_inputs(cache: Path, pins: dict[str, str]) -> dict[str, bytes]:
    """The pinned files from raw.githubusercontent.com at their commits, kept under `cache` so a
    rerun downloads nothing."""
    found: dict[str, bytes] = {}
    for name, digest in pins.items():
        target = cache / name
        if not target.is_file():
            owner, repo, path = name.split("/", 2)
            url = f"https://raw.githubusercontent.com/{owner}/{repo}/{_commit(repo)}/{path}"
            print(f"downloading {url}", file=sys.stderr)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(kabkota.check_sha256(kabkota.download(url), digest, url))
        found[name] = kabkota.check_sha256(target.read_bytes(), digest, str(target))
    return found


def _commit(repo: str) -> str:
    return WILAYAH[1] if repo == "wilayah" else BOUNDARIES[1]


# --------------------------------------------------------------------------- parsing
def boundary_rows(text: str) -> list[tuple[str, float, float, str]]:
    """(kode, lat, lng, path) of each row of a wilayah_boundaries SQL file; path is the raw JSON
    ([lat,lng] pairs; a Polygon nests 3 deep, a MultiPolygon 4)."""
    rows = []
    for line in text.splitlines():
        if not line.lstrip().startswith("("):
            continue
        match = _BOUNDARY_ROW.match(line)
        if not match:
            sys.exit(f"unreadable boundary row: {line[:100]}")
        rows.append((match.group(1), float(match.group(3)), float(match.group(4)), match.group(5)))
    return rows


def geometry(path: str, decimals: int) -> dict:
    """A GeoJSON geometry, [lon,lat], from a source path of [lat,lng]: coordinates rounded, points
    repeated by the rounding dropped, open rings closed, rings left with under three points dropped
    (tiny islets and holes). The source's Polygon/MultiPolygon choice is kept."""
    parsed = json.loads(path)
    multi = _depth(parsed) == 4
    polygons = []
    for polygon in parsed if multi else [parsed]:
        rings = []
        for ring in polygon:
            points = [[round(lng, decimals), round(lat, decimals)] for lat, lng in ring]
            kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if kept[0] != kept[-1]:
                kept.append(kept[0])
            if len(kept) >= 4:
                rings.append(kept)
            elif not rings:
                break  # the outer ring vanished: so does the polygon, holes and all
        if rings:
            polygons.append(rings)
    if not polygons:
        raise ValueError("no polygon left after rounding")
    if multi:
        return {"type": "MultiPolygon", "coordinates": polygons}
    return {"type": "Polygon", "coordinates": polygons[0]}


# The source simplifies each kecamatan on its own, so the two copies of a shared border cross each
# other and neighbours overlap in thin lenses (up to a tenth of a small kecamatan of a kota). Each
# lens is split down its middle: the half along one neighbour's copy of the border goes to the
# other. A lens between two crossings of the copies is bounded by a run of each copy; its middle
# line joins the points halfway between them (at the same share of each run's length), so the new
# border has about as many vertices as the two copies. Any other lens (where three meet) is split
# through Voronoi cells of points on its outline, simplified once. A lens that is most of the
# smaller kecamatan (an enclave) stays with the smaller one.
LENS_POINTS = 24
CUT_TOLERANCE = 1e-4  # degrees (~11 m), well under the source's own error; the cut is drawn once
LENS_MIN_AREA = 1e-9  # degrees², ~10 m²: rounding noise, left as it is
ENCLAVE = 0.5
GRID = 1e-7  # degrees (~1 cm): overlays snap to it, which keeps them robust
ON = 1e-6  # degrees: a lens's vertex this near a copy of the border lies on it


def without_overlaps(geometries: dict[str, dict], decimals: int) -> dict[str, dict]:
    """The kecamatan of one kab/kota (GeoJSON geometries by code) with every overlap between two of
    them split along its middle, so neighbours share one border; rounded again to `decimals`."""
    shapes = {kode: _polygonal(shapely.make_valid(shape(g))) for kode, g in geometries.items()}
    codes = sorted(shapes)
    tree = shapely.STRtree([shapes[k] for k in codes])
    for i, j in sorted(zip(*tree.query([shapes[k] for k in codes], predicate="intersects"))):
        if i >= j:
            continue
        a, b = codes[i], codes[j]
        lens = _polygonal(shapes[a].intersection(shapes[b], grid_size=GRID))
        if lens.area < LENS_MIN_AREA:
            continue
        to_a, to_b = _split_lens(lens, shapes[a], shapes[b])
        shapes[a] = _polygonal(shapes[a].difference(to_b, grid_size=GRID))
        shapes[b] = _polygonal(shapes[b].difference(to_a, grid_size=GRID))
    return {kode: _rounded(shapes[kode], decimals, geometries[kode]["type"]) for kode in geometries}


def _split_lens(lens, a, b):
    """(the part of `lens` that stays with a, the part that goes to b)."""
    if lens.area > ENCLAVE * min(a.area, b.area):
        return (lens, shapely.Polygon()) if a.area <= b.area else (shapely.Polygon(), lens)
    to_b = []
    for part in shapely.get_parts(lens):
        half = _half_along(part, a.boundary, b.boundary)
        to_b.append(half if half is not None else _voronoi_half(part, a.boundary, b.boundary))
    to_b = _polygonal(shapely.union_all(to_b, grid_size=GRID).intersection(lens, grid_size=GRID))
    return _polygonal(lens.difference(to_b, grid_size=GRID)), to_b


def _half_along(part, border_a, border_b):
    """The half of a lens `part` along a's copy of the border, cut by the line halfway between the
    two copies; None when the part is not bounded by one run of each copy."""
    if part.interiors:
        return None
    ring = np.asarray(part.exterior.coords)[:-1]
    points = shapely.points(ring)
    on_a, on_b = shapely.distance(points, border_a) < ON, shapely.distance(points, border_b) < ON
    ends = np.flatnonzero(on_a & on_b)
    if len(ends) != 2:
        return None
    i, j = ends
    runs = [ring[i : j + 1], np.concatenate([ring[j:], ring[: i + 1]])[::-1]]  # both from ring[i] to ring[j]
    lines = [shapely.LineString(r) for r in runs]
    middle = [shapely.line_interpolate_point(line, 0.5, normalized=True) for line in lines]
    side = [shapely.distance(m, border_a) < shapely.distance(m, border_b) for m in middle]
    if side[0] == side[1]:
        return None
    shares = np.unique(
        np.concatenate(
            [shapely.line_locate_point(line, shapely.points(r), normalized=True) for line, r in zip(lines, runs)]
        )
    )
    along = [shapely.get_coordinates(shapely.line_interpolate_point(line, shares, normalized=True)) for line in lines]
    midline = (along[0] + along[1]) / 2
    run_a = runs[0] if side[0] else runs[1]
    # a's copy of the border has b's own land beyond it: the half along it goes to b.
    return _polygonal(shapely.make_valid(shapely.Polygon(np.concatenate([run_a, midline[::-1]]))))


def _voronoi_half(part, border_a, border_b):
    """The half of a lens `part` nearer a's copy of the border, through Voronoi cells of points on
    its outline, simplified once (both neighbours get the same line: the lens less this half)."""
    outline = shapely.segmentize(part.boundary, max(part.boundary.length / LENS_POINTS, 1e-5))
    coords = shapely.get_coordinates(outline)
    _, first = np.unique(coords, axis=0, return_index=True)
    points = shapely.points(coords[np.sort(first)])
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=part, ordered=True))
    near_a = shapely.distance(points, border_a) <= shapely.distance(points, border_b)
    half = _polygonal(shapely.union_all(cells[near_a], grid_size=GRID).intersection(part, grid_size=GRID))
    return _polygonal(shapely.make_valid(half.simplify(CUT_TOLERANCE)))


def _polygonal(geom):
    """The polygons of a geometry (an overlay may add stray lines or points where shapes touch)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _rounded(geom, decimals: int, kind: str) -> dict:
    """GeoJSON of `geom` on a grid of `decimals`, as a `kind` (Polygon when it has one part)."""
    geom = _polygonal(shapely.set_precision(geom, 10.0**-decimals))
    polygons = [orient(p, -1.0) for p in shapely.get_parts(geom)]
    coordinates = [
        [[[round(x, decimals), round(y, decimals)] for x, y in ring.coords] for ring in (p.exterior, *p.interiors)]
        for p in polygons
    ]
    if kind == "Polygon" and len(coordinates) == 1:
        return {"type": "Polygon", "coordinates": coordinates[0]}
    return {"type": "MultiPolygon", "coordinates": coordinates}


def _depth(value) -> int:
    depth = 0
    while isinstance(value, list):
        depth, value = depth + 1, value[0]
    return depth


def jenis_kabkota(kode: str, nama: str) -> str:
    """Kemendagri numbers kabupaten 01–69 and kota 71–99 within a province; the name says it too."""
    jenis = "kota" if int(kode[3:5]) >= 71 else "kabupaten"
    if not nama.lower().startswith(jenis):
        sys.exit(f"{kode} {nama}: the code says {jenis}")
    return jenis


def jenis_desa(kode: str) -> str:
    """The first digit of the fourth segment: 1 kelurahan, 2 desa, 3 desa adat (a desa)."""
    return {"1": "kelurahan", "2": "desa", "3": "desa"}[kode[9]]


# --------------------------------------------------------------------------- build
def build(inputs: dict[str, bytes]) -> dict[str, bytes]:
    """Relative output path -> bytes of every file of reference/nasional/ (except inputs.sha256)."""
    names = kabkota.wilayah_names(inputs["cahyadsn/wilayah/db/wilayah.sql"], _WILAYAH_ROW)
    by_level: dict[str, dict[str, str]] = {level: {} for level in LEVEL.values()}
    for kode, nama in names.items():
        by_level[LEVEL[len(kode)]][kode] = nama
    found = {level: len(rows) for level, rows in by_level.items()}
    if found != EXPECTED:
        sys.exit(f"expected {EXPECTED}, found {found}")
    orphans = sorted(k for k in names if len(k) > 2 and k[: len(k) - (5 if len(k) == 13 else 3)] not in names)
    if orphans:
        sys.exit(f"codes without a parent: {orphans[:20]}")

    centroid: dict[str, tuple[float, float]] = {}
    paths: dict[str, str] = {}
    for name in sorted(inputs):
        if "/wilayah_boundaries/" not in name:
            continue
        folder = name.split("/")[3]
        for kode, lat, lng, path in boundary_rows(inputs[name].decode("utf-8")):
            if _FOLDER.get(len(kode)) != folder or kode not in names:
                sys.exit(f"{name}: {kode} is not a {folder} code of wilayah.sql")
            if kode in centroid:
                sys.exit(f"{name}: {kode} twice")
            centroid[kode] = (round(lat, POINT_DECIMALS), round(lng, POINT_DECIMALS))
            if folder in ("kab", "kec"):
                paths[kode] = path
    for level in ("provinsi", "kabkota", "kecamatan"):
        missing = sorted(set(by_level[level]) - set(centroid))
        if missing:
            sys.exit(f"{level} without a boundary row: {missing}")

    def point(kode: str) -> dict[str, object]:
        lat, lon = centroid.get(kode, ("", ""))
        return {"lat": lat, "lon": lon}

    desa_per_kecamatan: dict[str, int] = {}
    for kode in by_level["desa"]:
        desa_per_kecamatan[kode[:8]] = desa_per_kecamatan.get(kode[:8], 0) + 1

    tables = {
        "provinsi": [{"kode_provinsi": k, "provinsi": n, **point(k)} for k, n in sorted(by_level["provinsi"].items())],
        "kabkota": [
            {"kode_kabkota": k, "kabkota": n, "jenis": jenis_kabkota(k, n), "kode_provinsi": k[:2], **point(k)}
            for k, n in sorted(by_level["kabkota"].items())
        ],
        "kecamatan": [
            {
                "kode_kecamatan": k,
                "kecamatan": n,
                "kode_kabkota": k[:5],
                "jumlah_desa": desa_per_kecamatan.get(k, 0),
                **point(k),
            }
            for k, n in sorted(by_level["kecamatan"].items())
        ],
        "desa": [
            {"kode_desa": k, "desa": n, "jenis": jenis_desa(k), "kode_kecamatan": k[:8], **point(k)}
            for k, n in sorted(by_level["desa"].items())
        ],
    }
    out: dict[str, bytes] = {}
    for level, rows in tables.items():
        text = io.StringIO()
        kabkota.write_rows(text, list(rows[0]), rows)
        out[f"{level}.csv.gz"] = gzipped(text.getvalue())

    for level in ("kabkota", "kecamatan"):
        out.update(boundary_files(level, by_level, paths))
    return out


def boundary_files(level: str, by_level: dict[str, dict[str, str]], paths: dict[str, str]) -> dict[str, bytes]:
    """batas/<level>/NN.geojson.gz per province: every place's outline, one feature per line;
    kecamatan without overlaps between neighbours of one kab/kota."""
    shapes: dict[str, dict] = {}
    for kode, nama in sorted(by_level[level].items()):
        try:
            shapes[kode] = geometry(paths[kode], PATH_DECIMALS[level])
        except ValueError as error:
            sys.exit(f"{level} {kode} {nama}: {error}")
    if level == "kecamatan":  # drawn side by side on a kab/kota's map
        for kab in by_level["kabkota"]:
            mine = {k: g for k, g in shapes.items() if k.startswith(kab + ".")}
            shapes.update(without_overlaps(mine, PATH_DECIMALS[level]))
    per_province: dict[str, list[str]] = {}
    for kode, nama in sorted(by_level[level].items()):
        feature = {"type": "Feature", "properties": {f"kode_{level}": kode, level: nama}, "geometry": shapes[kode]}
        per_province.setdefault(kode[:2], []).append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    out = {}
    for provinsi, features in per_province.items():
        text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
        out[f"batas/{level}/{provinsi}.geojson.gz"] = gzipped(text)
    return out


def sample_boundaries(province: bytes) -> str:
    """reference/kecamatan.geojson: the sample kabupaten's kecamatan, as in the national file."""
    features = json.loads(gzip.decompress(province))["features"]
    mine = [f for f in features if f["properties"]["kode_kecamatan"].startswith(SAMPLE + ".")]
    return json.dumps({"type": "FeatureCollection", "features": mine}, ensure_ascii=False, separators=(",", ":"))


def gzipped(text: str) -> bytes:
    """Deterministic gzip: no timestamp, no file name, maximum compression."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wilayah-sql", type=Path, help=f"db/wilayah.sql of {WILAYAH[0]} at {WILAYAH[1][:7]}")
    parser.add_argument(
        "--boundaries", type=Path, help=f"a copy of {BOUNDARIES[0]} at {BOUNDARIES[1][:7]} (the folder holding db/)"
    )
    parser.add_argument(
        "--download",
        type=Path,
        metavar="CACHE",
        help="download the pinned files into this folder (skipping those already there)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pins = read_pins()
    if args.download is not None:
        inputs = downloaded_inputs(args.download, pins)
    elif args.wilayah_sql is not None and args.boundaries is not None:
        inputs = local_inputs(args.wilayah_sql, args.boundaries, pins)
    else:
        parser.error("give --wilayah-sql and --boundaries, or --download")

    files = build(inputs)
    stale = {p.relative_to(args.out).as_posix() for p in args.out.rglob("*.gz")} - set(files)
    for name in sorted(stale):
        (args.out / name).unlink()
    for name, data in sorted(files.items()):
        target = args.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    rows = kabkota.kabkota_rows(inputs["cahyadsn/wilayah/db/wilayah.sql"])
    kabkota.write_csv(kabkota.OUT if args.out == OUT else args.out / "kabkota.csv", kabkota.FIELDS, rows)
    sample = SAMPLE_BOUNDARIES if args.out == OUT else args.out / SAMPLE_BOUNDARIES.name
    sample.write_text(sample_boundaries(files["batas/kecamatan/35.geojson.gz"]), encoding="utf-8")
    total = sum(len(data) for data in files.values())
    print(f"{args.out}: {len(files)} files, {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
