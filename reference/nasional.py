"""The national reference in reference/nasional/ (built by build_nasional.py) and how to read one
region's slice of it without loading the rest. Standard library only.

Files, each sorted by Kemendagri code:
  provinsi.csv.gz    kode_provinsi, provinsi, lat, lon
  kabkota.csv.gz     kode_kabkota, kabkota, jenis (kabupaten|kota), kode_provinsi, lat, lon
  kecamatan.csv.gz   kode_kecamatan, kecamatan, kode_kabkota, jumlah_desa, lat, lon
  desa.csv.gz        kode_desa, desa, jenis (desa|kelurahan), kode_kecamatan, lat, lon (empty when
                     the source has no centroid)
  batas/kabkota/NN.geojson.gz, batas/kecamatan/NN.geojson.gz
                     one FeatureCollection per province NN, properties kode_<level>, <level>
  batas/provinsi/NN.geojson.gz
                     the province's own outline, its kab/kota dissolved (build_provinsi.py), with
                     the point its name goes (`lon`, `lat`)

A region is written as the installation names it: a kab/kota (`74.06`), a province (`74`), or
`nasional`. A place lies in it when its code is the region's code or starts with it and a dot.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

FOLDER = Path(__file__).with_name("nasional")
LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
BOUNDARY_LEVELS = ("provinsi", "kabkota", "kecamatan")
NASIONAL = "nasional"
_REGION = re.compile(r"\d{2}(\.\d{2}(\.\d{2})?)?")


def prefix(wilayah: str) -> str:
    """'74.06' -> '74.06.', '74' -> '74.', 'nasional' -> '' (a code of the region starts with it)."""
    if wilayah == NASIONAL:
        return ""
    if not _REGION.fullmatch(wilayah):
        raise ValueError(
            f"kode wilayah '{wilayah}' tidak dikenal: tulis seperti 74.06 (kabupaten/kota), "
            f"74 (provinsi) atau {NASIONAL}"
        )
    return wilayah + "."


def csv_path(level: str, folder: Path | None = None) -> Path:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; one of {LEVELS}")
    return (folder or FOLDER) / f"{level}.csv.gz"


def boundary_path(level: str, provinsi: str, folder: Path | None = None) -> Path:
    if level not in BOUNDARY_LEVELS:
        raise ValueError(f"no boundaries for level {level!r}; one of {BOUNDARY_LEVELS}")
    return (folder or FOLDER) / "batas" / level / f"{provinsi}.geojson.gz"


def rows(level: str, wilayah: str, folder: Path | None = None) -> list[dict[str, str]]:
    """The rows of `level` that lie in the region, as text. The file is sorted by code, so
    reading stops at the first row past the region."""
    return list(_rows_in(csv_path(level, folder), wilayah))


def _rows_in(path: Path, wilayah: str) -> Iterator[dict[str, str]]:
    start = prefix(wilayah)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        kode = reader.fieldnames[0]
        for row in reader:
            # The place itself (kab/kota rows for a kab/kota region) or what lies inside it.
            key = (row[kode] + ".")[: len(start)]
            if key < start:
                continue
            if key > start:
                break
            yield row


def boundaries(level: str, wilayah: str, folder: Path | None = None) -> dict:
    """A GeoJSON FeatureCollection of the region's kab/kota or kecamatan ([lon,lat]), read from
    its province's file only (every province's for `nasional`)."""
    start = prefix(wilayah)
    if start:
        provinces = [start[:2]]
    else:
        files = boundary_path(level, "*", folder).parent.glob("*.geojson.gz")
        provinces = sorted(path.name.split(".")[0] for path in files)
    key = f"kode_{level}"
    features = []
    for provinsi in provinces:
        with gzip.open(boundary_path(level, provinsi, folder), "rt", encoding="utf-8") as handle:
            collection = json.load(handle)
        features += [f for f in collection["features"] if (f["properties"][key] + ".").startswith(start)]
    return {"type": "FeatureCollection", "features": features}
