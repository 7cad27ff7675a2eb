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
timestamp or file name. reference/kabkota.csv is rewritten too, by build_kabkota's code.
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

OUT = Path(__file__).with_name("nasional")
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
        per_province: dict[str, list[str]] = {}
        for kode, nama in sorted(by_level[level].items()):
            try:
                shape = geometry(paths[kode], PATH_DECIMALS[level])
            except ValueError as error:
                sys.exit(f"{level} {kode} {nama}: {error}")
            feature = {"type": "Feature", "properties": {f"kode_{level}": kode, level: nama}, "geometry": shape}
            per_province.setdefault(kode[:2], []).append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        for provinsi, features in per_province.items():
            text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
            out[f"batas/{level}/{provinsi}.geojson.gz"] = gzipped(text)
    return out


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
    total = sum(len(data) for data in files.values())
    print(f"{args.out}: {len(files)} files, {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
