"""Write reference/nasional/batas/provinsi/NN.geojson.gz — the outline of each of the 38 provinsi —
by dissolving the kab/kota outlines of reference/nasional/batas/kabkota/NN.geojson.gz, once, so a
national map draws 38 shapes instead of 514 and never dissolves at a render.

    python reference/build_provinsi.py      (about 20 s; needs shapely, pinned in requirements-test.txt)

Each province: its kab/kota made valid, grown by GROW degrees, united, and shrunk back (which closes
the slivers between two neighbours' copies of their border), simplified at SIMPLIFY degrees (~2 km:
a national map of 1.920 px has ~0,025° per px), parts smaller than MIN_AREA dropped (the largest
part is always kept), rounded to 4 dp. Its label point (`lon`, `lat` in the properties) is the
point of the largest part farthest from its edge (shapely's polylabel), so a name sits on land even
for a bent province. Output is byte-identical on every rerun (sorted, gzip without timestamp)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

FOLDER = Path(__file__).with_name("nasional")
GROW, SIMPLIFY, MIN_AREA, DECIMALS = 0.005, 0.02, 0.0016, 4


def _names() -> dict[str, str]:
    with gzip.open(FOLDER / "provinsi.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return {r["kode_provinsi"]: r["provinsi"] for r in csv.DictReader(handle)}


def dissolve(features: list[dict]):
    """One (Multi)Polygon from the kab/kota features of a province."""
    parts = [shapely.make_valid(shape(f["geometry"])).buffer(GROW) for f in features]
    whole = shapely.union_all(parts).buffer(-GROW).simplify(SIMPLIFY)
    polygons = sorted(shapely.get_parts(whole), key=lambda p: -p.area)
    polygons = [p for i, p in enumerate(polygons) if i == 0 or p.area >= MIN_AREA]
    return shapely.MultiPolygon([orient(p) for p in polygons if p.geom_type == "Polygon"])


def _ring(ring) -> list[list[float]]:
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]


def feature(kode: str, nama: str, geom) -> dict:
    label = polylabel(max(geom.geoms, key=lambda p: p.area), tolerance=0.01)
    coordinates = [[_ring(p.exterior), *(_ring(r) for r in p.interiors)] for p in geom.geoms]
    return {
        "type": "Feature",
        "properties": {
            "kode_provinsi": kode,
            "provinsi": nama,
            "lon": round(label.x, DECIMALS),
            "lat": round(label.y, DECIMALS),
        },
        "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
    }


def main() -> None:
    names = _names()
    out = FOLDER / "batas" / "provinsi"
    out.mkdir(exist_ok=True)
    for path in sorted((FOLDER / "batas" / "kabkota").glob("*.geojson.gz")):
        kode = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        text = io.StringIO()
        text.write('{"type":"FeatureCollection","features":[\n')
        text.write(json.dumps(feature(kode, names[kode], dissolve(features)), separators=(",", ":")))
        text.write("\n]}\n")
        data = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
        (out / path.name).write_bytes(data)
        print(kode, names[kode], f"{len(data):,} B")


if __name__ == "__main__":
    main()
