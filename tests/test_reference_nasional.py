"""The national reference shipped in reference/nasional/ (Kepmendagri codes, 2025 edition, from
cahyadsn/wilayah and cahyadsn/wilayah_boundaries; see reference/SOURCES.md): what an installation
of any kab/kota or province will load, so its counts are checked against the published ones, its
Kabupaten Probolinggo slice against the curated files the app runs on today, and its slices are
read one region at a time."""

from __future__ import annotations

import csv
import functools
import gzip
import json
import math
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest
import shapely
from shapely.geometry import shape

from reference import nasional

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference"
KODE = {
    "provinsi": r"\d{2}",
    "kabkota": r"\d{2}\.\d{2}",
    "kecamatan": r"\d{2}\.\d{2}\.\d{2}",
    "desa": r"\d{2}\.\d{2}\.\d{2}\.[123]\d{3}",
}


@functools.cache
def table(level: str) -> list[dict[str, str]]:
    with gzip.open(nasional.csv_path(level), "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def curated(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def count_in(level: str, wilayah: str) -> int:
    return sum((row[f"kode_{level}"] + ".").startswith(wilayah + ".") for row in table(level))


# --------------------------------------------------------------------------- the whole nation
def test_every_level_has_the_published_count():
    assert {level: len(table(level)) for level in nasional.LEVELS} == {
        "provinsi": 38,
        "kabkota": 514,
        "kecamatan": 7285,
        "desa": 83762,
    }
    assert Counter(r["jenis"] for r in table("kabkota")) == {"kabupaten": 416, "kota": 98}
    assert Counter(r["jenis"] for r in table("desa")) == {"desa": 75266, "kelurahan": 8496}


@pytest.mark.parametrize("level", nasional.LEVELS)
def test_codes_are_well_formed_unique_and_sorted(level):
    codes = [row[f"kode_{level}"] for row in table(level)]
    bad = [kode for kode in codes if not re.fullmatch(KODE[level], kode)]
    assert bad == []
    assert len(set(codes)) == len(codes)
    # Reading a slice stops at the first code past the region: the files must stay sorted.
    assert codes == sorted(codes)
    names = [row[level] for row in table(level)]
    assert [n for n in names if not n or n != " ".join(n.split())] == []


def test_every_place_lies_in_a_place_of_the_level_above():
    provinsi = {r["kode_provinsi"] for r in table("provinsi")}
    kabkota = {r["kode_kabkota"] for r in table("kabkota")}
    kecamatan = {r["kode_kecamatan"] for r in table("kecamatan")}
    assert [
        r["kode_kabkota"]
        for r in table("kabkota")
        if r["kode_provinsi"] not in provinsi or r["kode_kabkota"][:2] != r["kode_provinsi"]
    ] == []
    assert [
        r["kode_kecamatan"]
        for r in table("kecamatan")
        if r["kode_kabkota"] not in kabkota or r["kode_kecamatan"][:5] != r["kode_kabkota"]
    ] == []
    assert [
        r["kode_desa"]
        for r in table("desa")
        if r["kode_kecamatan"] not in kecamatan or r["kode_desa"][:8] != r["kode_kecamatan"]
    ] == []
    # and no kab/kota or kecamatan is empty
    assert kabkota - {k[:5] for k in kecamatan} == set()
    assert kecamatan - {r["kode_kecamatan"] for r in table("desa")} == set()
    per_kecamatan = Counter(r["kode_kecamatan"] for r in table("desa"))
    assert [
        r["kode_kecamatan"] for r in table("kecamatan") if int(r["jumlah_desa"]) != per_kecamatan[r["kode_kecamatan"]]
    ] == []


def test_centroids_lie_in_indonesia_and_only_some_desa_lack_one():
    for level in nasional.LEVELS:
        placed = [r for r in table(level) if r["lat"]]
        assert [r for r in placed if not (-11.5 < float(r["lat"]) < 6.5 and 94.5 < float(r["lon"]) < 141.5)] == []
        if level != "desa":
            assert len(placed) == len(table(level))
    # wilayah_boundaries has no centroid for 359 desa/kelurahan (many in Pasaman Barat, Ngada, Sikka, Tolikara)
    assert sum(not r["lat"] for r in table("desa")) == 359


def test_the_national_kabkota_list_is_the_one_the_app_already_ships():
    shipped = [(r["kode"], r["nama"], r["kode_provinsi"]) for r in curated("kabkota.csv")]
    assert [(r["kode_kabkota"], r["kabkota"], r["kode_provinsi"]) for r in table("kabkota")] == shipped
    provinsi = {r["kode_provinsi"]: r["provinsi"] for r in table("provinsi")}
    assert {r["kode_provinsi"]: r["provinsi"] for r in curated("kabkota.csv")} == provinsi


# --------------------------------------------------------------------------- known regions
def test_kabupaten_probolinggo_is_exactly_the_curated_kecamatan_and_desa():
    kecamatan = [r for r in table("kecamatan") if r["kode_kabkota"] == "35.13"]
    assert [(r["kode_kecamatan"], r["kecamatan"], r["jumlah_desa"]) for r in kecamatan] == [
        (r["kode_kecamatan"], r["kecamatan"], r["jumlah_desa"]) for r in curated("kecamatan.csv")
    ]
    desa = [r for r in table("desa") if r["kode_desa"].startswith("35.13.")]
    assert [(r["kode_desa"], r["desa"], r["jenis"], r["kode_kecamatan"]) for r in desa] == [
        (r["kode_desa"], r["desa"], r["jenis"], r["kode_kecamatan"]) for r in curated("desa.csv")
    ]
    assert len(kecamatan) == 24 and len(desa) == 330
    assert [r["desa"] for r in desa if r["jenis"] == "kelurahan"] == [
        "Semampir",
        "Sidomukti",
        "Kraksaan Wetan",
        "Kandangjati Kulon",
        "Patokan",
    ]  # Kraksaan's 5


def test_kabupaten_probolinggo_centroids_and_boundaries_are_the_curated_ones():
    assert [(r["lat"], r["lon"]) for r in table("kecamatan") if r["kode_kabkota"] == "35.13"] == [
        (r["lat"], r["lon"]) for r in curated("kecamatan.csv")
    ]
    assert [(r["lat"], r["lon"]) for r in table("desa") if r["kode_desa"].startswith("35.13.")] == [
        (r["lat"], r["lon"]) for r in curated("desa.csv")
    ]
    shipped = json.loads((REFERENCE / "kecamatan.geojson").read_text(encoding="utf-8"))
    national = nasional.boundaries("kecamatan", "35.13")
    assert [(f["properties"], f["geometry"]) for f in national["features"]] == [
        (f["properties"], f["geometry"]) for f in shipped["features"]
    ]


@pytest.mark.parametrize(
    "wilayah, kabkota, kecamatan, desa, kelurahan",
    [
        ("74.06", 1, 22, 121, 22),  # Kabupaten Bombana
        ("35.74", 1, 5, 0, 29),  # Kota Probolinggo: kelurahan only
        ("74", 17, 221, 1908, 377),  # Provinsi Sulawesi Tenggara: 2.285 desa/kelurahan
    ],
)
def test_published_counts_of_other_regions(wilayah, kabkota, kecamatan, desa, kelurahan):
    assert count_in("kabkota", wilayah) == kabkota
    assert count_in("kecamatan", wilayah) == kecamatan
    jenis = Counter(r["jenis"] for r in table("desa") if r["kode_desa"].startswith(wilayah + "."))
    assert (jenis["desa"], jenis["kelurahan"]) == (desa, kelurahan)


def test_region_names():
    kabkota = {r["kode_kabkota"]: (r["kabkota"], r["jenis"]) for r in table("kabkota")}
    assert kabkota["35.13"] == ("Kabupaten Probolinggo", "kabupaten")
    assert kabkota["35.74"] == ("Kota Probolinggo", "kota")
    assert kabkota["74.06"] == ("Kabupaten Bombana", "kabupaten")
    assert {r["kode_provinsi"]: r["provinsi"] for r in table("provinsi")}["74"] == "Sulawesi Tenggara"


# --------------------------------------------------------------------------- names repeat
def test_kecamatan_names_repeat_across_kabkota():
    where: dict[str, set[str]] = defaultdict(set)
    for r in table("kecamatan"):
        where[r["kecamatan"]].add(r["kode_kabkota"])
    shared = {name: kabkota for name, kabkota in where.items() if len(kabkota) > 1}
    assert (len(shared), sum(len(k) for k in shared.values())) == (291, 670)
    assert where["Lumbang"] == {"35.13", "35.14"}  # Kabupaten Probolinggo and Kabupaten Pasuruan
    assert where["Kuripan"] == {"35.13", "52.01", "63.04"}
    assert where["Sumber"] == {"32.09", "33.17", "35.13"}
    # but never twice in one kab/kota
    assert Counter((r["kode_kabkota"], r["kecamatan"]) for r in table("kecamatan")).most_common(1)[0][1] == 1


def test_a_few_desa_names_repeat_inside_one_kecamatan():
    # A name alone cannot always tell two desa of one kecamatan apart (e.g. 2 x Nusaniwe in Kota Ambon).
    twice = Counter((r["kode_kecamatan"], r["desa"]) for r in table("desa"))
    repeated = sorted(key for key, n in twice.items() if n > 1)
    assert len(repeated) == 16
    assert ("81.71.01", "Nusaniwe") in repeated and ("74.03.25", "Wakumoro") in repeated
    assert [key for key in repeated if key[0].startswith(("35.13.", "35.74.", "74.06."))] == []


# --------------------------------------------------------------------------- boundaries
def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    crossings = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


def _polygons(geometry: dict) -> list:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def contains(geometry: dict, lon: float, lat: float) -> bool:
    return any(
        _inside(lon, lat, p[0]) and not any(_inside(lon, lat, hole) for hole in p[1:]) for p in _polygons(geometry)
    )


def km_to_edge(geometry: dict, lon: float, lat: float) -> float:
    scale = math.cos(math.radians(lat))
    best = math.inf
    for polygon in _polygons(geometry):
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                dx, dy, px, py = (x2 - x1) * scale, y2 - y1, (lon - x1) * scale, lat - y1
                t = max(0.0, min(1.0, (px * dx + py * dy) / (dx * dx + dy * dy or 1.0)))
                best = min(best, math.hypot(px - t * dx, py - t * dy))
    return best * 111.32


@pytest.mark.parametrize("wilayah, count", [("35.13", 24), ("74.06", 22), ("35.74", 5)])
def test_every_kecamatan_has_a_boundary_around_its_centroid(wilayah, count):
    points = {r["kode_kecamatan"]: (float(r["lon"]), float(r["lat"])) for r in nasional.rows("kecamatan", wilayah)}
    features = {
        f["properties"]["kode_kecamatan"]: f["geometry"] for f in nasional.boundaries("kecamatan", wilayah)["features"]
    }
    assert len(points) == count and set(features) == set(points)
    # The source's centroid of a ragged coast can fall just outside (Bombana's 74.06.19: 0,4 km).
    far = {
        kode: round(km_to_edge(features[kode], *point), 1)
        for kode, point in points.items()
        if not contains(features[kode], *point) and km_to_edge(features[kode], *point) > 1.0
    }
    assert far == {}


@pytest.mark.parametrize("wilayah", ["35.13", "74.06", "35.74"])
def test_the_kabkota_boundary_surrounds_its_kecamatan(wilayah):
    [kabkota] = nasional.boundaries("kabkota", wilayah)["features"]
    outside = [
        r["kode_kecamatan"]
        for r in nasional.rows("kecamatan", wilayah)
        if not contains(kabkota["geometry"], float(r["lon"]), float(r["lat"]))
        and km_to_edge(kabkota["geometry"], float(r["lon"]), float(r["lat"])) > 1.0
    ]
    assert outside == []


def test_boundary_files_hold_every_kabkota_and_kecamatan_with_closed_rings():
    for level in nasional.BOUNDARY_LEVELS:
        features = nasional.boundaries(level, nasional.NASIONAL)["features"]
        assert [f["properties"][f"kode_{level}"] for f in features] == [r[f"kode_{level}"] for r in table(level)]
        assert [f["properties"][level] for f in features] == [r[level] for r in table(level)]
        for feature in features:
            for polygon in _polygons(feature["geometry"]):
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1], feature["properties"]
                    assert all(94.5 < lon < 141.5 and -11.5 < lat < 6.5 for lon, lat in ring), feature["properties"]


def test_the_shipped_national_reference_stays_small():
    size = sum(p.stat().st_size for p in nasional.FOLDER.rglob("*") if p.is_file())
    assert size <= 8 * 1024 * 1024


# --------------------------------------------------------------------------- one region's slice
def test_a_kabkota_slice_holds_only_that_kabkota():
    kecamatan = nasional.rows("kecamatan", "74.06")
    desa = nasional.rows("desa", "74.06")
    assert (len(kecamatan), len(desa)) == (22, 143)
    assert {r["kode_kabkota"] for r in kecamatan} == {"74.06"}
    assert {r["kode_desa"][:5] for r in desa} == {"74.06"}
    assert [r["kabkota"] for r in nasional.rows("kabkota", "74.06")] == ["Kabupaten Bombana"]
    assert nasional.rows("provinsi", "74.06") == []


def test_a_province_slice_and_the_nation():
    assert len(nasional.rows("kabkota", "74")) == 17
    assert len(nasional.rows("desa", "74")) == 2285
    assert [r["provinsi"] for r in nasional.rows("provinsi", "74")] == ["Sulawesi Tenggara"]
    assert len(nasional.rows("kecamatan", nasional.NASIONAL)) == 7285
    with pytest.raises(ValueError, match="kode wilayah '74.6' tidak dikenal"):
        nasional.rows("kabkota", "74.6")


def test_a_region_boundaries_come_from_its_province_file_alone(tmp_path):
    only = tmp_path / "batas" / "kecamatan"
    only.mkdir(parents=True)
    shutil.copy(nasional.boundary_path("kecamatan", "74"), only / "74.geojson.gz")
    features = nasional.boundaries("kecamatan", "74.06", folder=tmp_path)["features"]
    assert len(features) == 22
    assert {f["properties"]["kode_kecamatan"][:5] for f in features} == {"74.06"}


def test_duckdb_reads_a_slice_as_written_in_sources_md():
    sql = (
        "select kode_desa, desa, jenis from read_csv($path, header = true, all_varchar = true) "
        "where kode_desa like $pola order by kode_desa"
    )
    rows = duckdb.sql(sql, params={"path": str(nasional.csv_path("desa")), "pola": "35.74.%"}).fetchall()
    assert len(rows) == 29 and {jenis for _, _, jenis in rows} == {"kelurahan"}
    kecamatan = duckdb.sql(
        "select kode_kecamatan, kode_kabkota from read_csv($path, header = true, all_varchar = true) "
        "where kode_kabkota = $kode",
        params={"path": str(nasional.csv_path("kecamatan")), "kode": "74.06"},
    ).fetchall()
    assert len(kecamatan) == 22 and kecamatan[0] == ("74.06.01", "74.06")


@pytest.mark.parametrize("wilayah", ["35.74", "35.13", "74.06"])
def test_no_two_kecamatan_of_a_region_overlap(wilayah):
    """Neighbours share one border: the source's two copies of it, simplified apart, made them
    overlap (a tenth of Kademangan lay under Kanigaran in Kota Probolinggo)."""
    shapes = {
        f["properties"]["kecamatan"]: shape(f["geometry"])
        for f in nasional.boundaries("kecamatan", wilayah)["features"]
    }
    assert all(s.is_valid for s in shapes.values())
    overlaps = {}
    names = sorted(shapes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = shapely.intersection(shapes[a], shapes[b]).area
            # Only rounding to 5 decimals (~1 m) may leave a sliver: under 0,01% of the smaller one.
            if shared > 1e-4 * min(shapes[a].area, shapes[b].area):
                overlaps[(a, b)] = round(shared / min(shapes[a].area, shapes[b].area), 4)
    assert overlaps == {}
