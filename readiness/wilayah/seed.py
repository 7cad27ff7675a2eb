"""A new installation's reference tables for a region (`python -m readiness init --wilayah KODE`):
a kab/kota (`74.06`), a province (`74`) or the nation (`nasional`).

`create(con, kode)` fills a database that has its schema (schema.sql and every migration) and
nothing else, from the region's slice of the national reference (reference/nasional/):
  ref_kecamatan, ref_desa   its kecamatan (with their kab/kota) and desa/kelurahan: codes, names,
                            desa or kelurahan, centroids
  ref_kecamatan_batas, ref_kabkota_batas, ref_provinsi_batas
                            the kecamatan, kab/kota and province boundaries (a province's with the
                            point its name goes)
  ref_kecamatan_alias, ref_desa_alias, ref_kecamatan_bps
                            the curated spellings and BPS codes of reference/ that lie in the region
                            (they are the sample region's: elsewhere none applies)
  wilayah                   the region row (name as users read it; jenis kabupaten, kota, provinsi or
                            nasional, tingkat kabkota, provinsi or nasional)
  elections, settings       the default election of reference/elections.csv (its day and TPS
                            capacity), named and typed for the region (a province elects its
                            gubernur; the nation follows the simultaneous elections of that day),
                            and in a province the bupati and wali kota elections its kab/kota held
                            on that day (reference/pilkada_2024.csv), each `pilkada-2024-74.06`,
                            all with the default settings (the admin adds or removes any later)
No korwil: it is optional, per election. A database created without `init` keeps the curated
reference/ of the sample's region (readiness/db.py `_create`).
"""

from __future__ import annotations

import csv
import datetime as dt

import duckdb

from .. import db, teks

REFERENCE_DIR = db.REFERENCE_DIR
# The nation's name as the region of a national installation.
NAMA_NASIONAL = "Indonesia"
# The regions that held a regional head election on 27 November 2024 (reference/build_pilkada.py).
PILKADA = "pilkada_2024.csv"


class WilayahError(ValueError):
    """A region code that cannot be set up; the message is for the user (Indonesian)."""


def _nasional():
    """reference/nasional.py (the national reference's reader), imported from the reference folder."""
    from reference import nasional

    return nasional


# --------------------------------------------------------------------------- regions by code
def region(kode: str) -> dict:
    """A kab/kota (`74.06`), a province (`74`) or the nation (`nasional`) of the national
    reference: kode, nama ('Kabupaten Bombana', 'Provinsi Sulawesi Tenggara', 'Indonesia'), jenis
    (kabupaten|kota|provinsi|nasional), tingkat (kabkota|provinsi|nasional), kode_provinsi,
    provinsi (None for the nation), and nama_pendek ('Bombana': the name without its kind)."""
    nasional = _nasional()
    kode = str(kode).strip()
    if kode == nasional.NASIONAL:
        return {
            "kode": kode,
            "nama": NAMA_NASIONAL,
            "jenis": "nasional",
            "tingkat": "nasional",
            "kode_provinsi": None,
            "provinsi": None,
            "nama_pendek": NAMA_NASIONAL,
        }
    try:
        nasional.prefix(kode)
    except ValueError as exc:
        raise WilayahError(str(exc)) from None
    if kode.count(".") > 1:
        raise WilayahError(
            f"kode wilayah '{kode}' bukan kabupaten/kota atau provinsi: tulis seperti 74.06 "
            f"(kabupaten/kota), 74 (provinsi) atau {nasional.NASIONAL}"
        )
    provinsi = [r for r in nasional.rows("provinsi", kode[:2]) if r["kode_provinsi"] == kode[:2]]
    if not provinsi:
        raise WilayahError(f"kode wilayah '{kode}' tidak ada dalam daftar wilayah Kemendagri")
    nama_provinsi = provinsi[0]["provinsi"]
    if "." not in kode:
        return {
            "kode": kode,
            "nama": f"Provinsi {nama_provinsi}",
            "jenis": "provinsi",
            "tingkat": "provinsi",
            "kode_provinsi": kode,
            "provinsi": nama_provinsi,
            "nama_pendek": nama_provinsi,
        }
    found = [r for r in nasional.rows("kabkota", kode) if r["kode_kabkota"] == kode]
    if not found:
        raise WilayahError(f"kode wilayah '{kode}' tidak ada dalam daftar kabupaten/kota Kemendagri")
    row = found[0]
    nama, jenis = row["kabkota"], row["jenis"]
    pendek = nama.split(" ", 1)[1] if nama.split(" ", 1)[0].lower() == jenis else nama
    return {
        "kode": kode,
        "nama": nama,
        "jenis": jenis,
        "tingkat": "kabkota",
        "kode_provinsi": kode[:2],
        "provinsi": nama_provinsi,
        "nama_pendek": pendek,
    }


def installable(kode: str) -> dict:
    """The region `init` can set up for this code: a kab/kota, a province or the nation."""
    return region(kode)


# --------------------------------------------------------------------------- creation
def create(con: duckdb.DuckDBPyConnection, kode: str) -> None:
    """Fill a new database's reference tables for the region `kode` (kab/kota, province, nation)."""
    target = installable(kode)
    _national_places(con, kode)
    _curated_names(con, kode)
    _insert_region(con, target)
    _default_election(con, target)
    default_settings(con, db.DEFAULT_ELECTION)
    if target["tingkat"] == "provinsi":
        for election in _kontes_kabkota(con, target):
            default_settings(con, election)


def default_settings(con: duckdb.DuckDBPyConnection, election: str) -> None:
    """The default thresholds and targets for one new election."""
    con.execute(
        "insert into settings select $e, s.key, s.value::double from read_csv($p, header=true, all_varchar=true) s",
        {"e": election, "p": str(REFERENCE_DIR / "pengaturan_bawaan.csv")},
    )


def _national_places(con: duckdb.DuckDBPyConnection, kode: str) -> None:
    """The region's kecamatan, desa/kelurahan and boundaries from the national reference."""
    nasional = _nasional()
    like = {"p": nasional.prefix(kode) + "%"}
    con.execute(
        "insert into ref_kecamatan (kode_kecamatan, kecamatan, jumlah_desa, lat, lon, kode_kabkota) "
        "select kode_kecamatan, kecamatan, jumlah_desa::integer, "
        "nullif(lat, '')::double, nullif(lon, '')::double, kode_kabkota "
        f"from read_csv('{nasional.csv_path('kecamatan')}', header=true, all_varchar=true) "
        "where kode_kecamatan like $p order by kode_kecamatan",
        like,
    )
    con.execute(
        "insert into ref_desa select kode_desa, desa, jenis, kode_kecamatan, "
        "nullif(lat, '')::double, nullif(lon, '')::double "
        f"from read_csv('{nasional.csv_path('desa')}', header=true, all_varchar=true) "
        "where kode_desa like $p order by kode_desa",
        like,
    )
    for level in nasional.BOUNDARY_LEVELS:
        _insert_boundaries(con, level, kode)
    # A kab/kota's name goes on its centroid (the middle of its outline's box may be a neighbour's).
    con.execute(
        "update ref_kabkota_batas b set lon = c.lon::double, lat = c.lat::double "
        f"from read_csv('{nasional.csv_path('kabkota')}', header=true, all_varchar=true) c "
        "where c.kode_kabkota = b.kode_kabkota and c.lon <> '' and c.lat <> ''"
    )


def _insert_boundaries(con: duckdb.DuckDBPyConnection, level: str, kode: str) -> None:
    """ref_kecamatan_batas, ref_kabkota_batas or ref_provinsi_batas: the region's places, each its
    GeoJSON geometry (a province also its label point), read by DuckDB from its province's file
    (every province's for the nation: 7.285 kecamatan)."""
    nasional = _nasional()
    start = nasional.prefix(kode)
    files = [str(nasional.boundary_path(level, start[:2] if start else "*"))]
    key = f"kode_{level}"
    titik = ", (f ->> '$.properties.lon')::double as lon, (f ->> '$.properties.lat')::double as lat"
    titik = titik if level == "provinsi" else ""
    con.execute(
        f"insert into ref_{level}_batas by name select f ->> '$.properties.{key}' as {key}{titik}, "
        "f -> '$.geometry' as geometry "
        "from (select unnest(json_extract(json, '$.features[*]')) as f "
        "      from read_json_objects($files, compression = 'gzip', maximum_object_size = 1000000000)) "
        f"where (f ->> '$.properties.{key}') || '.' like $p order by 1",
        {"files": files, "p": start + "%"},
    )


def _curated_names(con: duckdb.DuckDBPyConnection, kode: str) -> None:
    """The curated spellings and BPS codes of reference/ for the places that lie in the region
    (they are one kab/kota's: in any other region none applies)."""
    like = {"p": kode + ".%"}
    con.execute(
        "insert into ref_kecamatan_alias select alias, kode_kecamatan, source "
        "from read_csv($f, header=true, all_varchar=true) where kode_kecamatan like $p",
        {**like, "f": str(REFERENCE_DIR / "name_variants.csv")},
    )
    con.execute(
        "insert into ref_desa_alias select alias, kode_desa, source "
        "from read_csv($f, header=true, all_varchar=true) where kode_desa like $p",
        {**like, "f": str(REFERENCE_DIR / "desa_name_variants.csv")},
    )
    con.execute(
        "insert into ref_kecamatan_bps select kode_bps, nama_bps, kode_kecamatan "
        "from read_csv($f, header=true, all_varchar=true) where kode_kecamatan like $p",
        {**like, "f": str(REFERENCE_DIR / "kecamatan_bps_crosswalk.csv")},
    )


def _insert_region(con: duckdb.DuckDBPyConnection, target: dict) -> None:
    con.execute("delete from wilayah")
    con.execute(
        "insert into wilayah (kode, nama, tingkat, kode_provinsi, provinsi, jenis) "
        "values ($kode, $nama, $tingkat, $kode_provinsi, $provinsi, $jenis)",
        {k: target[k] for k in ("kode", "nama", "tingkat", "kode_provinsi", "provinsi", "jenis")},
    )


# The kind of election a region holds for its own head: a kabupaten elects a bupati, a kota a wali kota.
# A province elects its gubernur; the nation follows the simultaneous regional elections of one day.
JENIS_PEMILIHAN = {"kabupaten": "bupati", "kota": "walikota", "provinsi": "gubernur", "nasional": "serentak"}


def election_name(jenis: str, target: dict, tanggal: dt.date) -> str:
    return teks.PEMILIHAN_NAMA[jenis].format(wilayah=target["nama_pendek"], tahun=tanggal.year)


def _pilkada(kode: str, tanggal: dt.date) -> list[dict]:
    """The regions of the province (or the province itself) `kode` that held a regional head
    election on `tanggal` (reference/pilkada_2024.csv: kode_wilayah, jenis)."""
    with (REFERENCE_DIR / PILKADA).open(encoding="utf-8", newline="") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if r["tanggal"] == tanggal.isoformat() and (r["kode_wilayah"] + ".").startswith(kode + ".")
        ]


def _default_election(con: duckdb.DuckDBPyConnection, target: dict) -> None:
    """The default election (db.DEFAULT_ELECTION: its day and TPS capacity from elections.csv),
    for the region's own head; a province whose governor was not elected that day (Daerah
    Istimewa Yogyakarta) follows the simultaneous elections of its kab/kota instead."""
    tanggal, kapasitas = _hari_bawaan(con)
    jenis = JENIS_PEMILIHAN[target["jenis"]]
    nama = election_name(jenis, target, tanggal)
    if jenis == "gubernur" and not any(r["jenis"] == "gubernur" for r in _pilkada(target["kode"], tanggal)):
        jenis = "serentak"
        nama = teks.PEMILIHAN_NAMA_KABKOTA.format(wilayah=target["nama_pendek"], tahun=tanggal.year)
    con.execute(
        "insert into elections (election_id, nama, jenis, tanggal, kapasitas_tps, kode_wilayah) "
        "values ($e, $n, $j, $t, $k, $w)",
        {
            "e": db.DEFAULT_ELECTION,
            "n": nama,
            "j": jenis,
            "t": tanggal,
            "k": kapasitas,
            "w": target["kode"],
        },
    )


def _hari_bawaan(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, int]:
    """The default election's day and TPS capacity (reference/elections.csv)."""
    return con.execute(
        "select tanggal::date, kapasitas_tps::int from read_csv($p, header=true, all_varchar=true) "
        "where election_id = $e",
        {"p": str(REFERENCE_DIR / "elections.csv"), "e": db.DEFAULT_ELECTION},
    ).fetchone()


def _kontes_kabkota(con: duckdb.DuckDBPyConnection, target: dict) -> list[str]:
    """In a province: one election per kab/kota that elected its bupati or wali kota on the default
    election's day, on that day with its TPS capacity (`pilkada-2024-74.06`); returns their ids."""
    tanggal, kapasitas = _hari_bawaan(con)
    added = []
    for row in _pilkada(target["kode"], tanggal):
        if row["jenis"] not in ("bupati", "walikota"):
            continue
        election = f"{db.DEFAULT_ELECTION}-{row['kode_wilayah']}"
        con.execute(
            "insert into elections (election_id, nama, jenis, tanggal, kapasitas_tps, kode_wilayah) "
            "values ($e, $n, $j, $t, $k, $w)",
            {
                "e": election,
                "n": election_name(row["jenis"], region(row["kode_wilayah"]), tanggal),
                "j": row["jenis"],
                "t": tanggal,
                "k": kapasitas,
                "w": row["kode_wilayah"],
            },
        )
        added.append(election)
    return added


def installed(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The region row of an existing database (kode, nama, jenis), None when it has none."""
    row = con.execute("select kode, nama, jenis from wilayah limit 1").fetchone()
    return None if row is None else {"kode": row[0], "nama": row[1], "jenis": row[2]}
