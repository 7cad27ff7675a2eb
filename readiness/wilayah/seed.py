"""A new installation's reference tables for a kab/kota (`python -m readiness init --wilayah KODE`).

`create(con, kode)` fills a database that has its schema (schema.sql and every migration) and
nothing else, from the kab/kota's slice of the national reference (reference/nasional/):
  ref_kecamatan, ref_desa   its kecamatan and desa/kelurahan: codes, names, desa or kelurahan, centroids
  ref_kecamatan_batas       the kecamatan boundaries
  ref_kecamatan_alias, ref_desa_alias, ref_kecamatan_bps
                            the curated spellings and BPS codes of reference/ that lie in the region
                            (they are the sample region's: elsewhere none applies)
  wilayah                   the region row (name as users read it, kabupaten or kota)
  elections, settings       one election: the default one of reference/elections.csv (its day and TPS
                            capacity), named and typed for the region, with the default settings
No korwil: it is optional, per election. A database created without `init` keeps the curated
reference/ of the sample's region (readiness/db.py `_create`).
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb

from .. import db, teks

REFERENCE_DIR = db.REFERENCE_DIR


class WilayahError(ValueError):
    """A region code that cannot be set up; the message is for the user (Indonesian)."""


def _nasional():
    """reference/nasional.py (the national reference's reader), imported from the reference folder."""
    from reference import nasional

    return nasional


# --------------------------------------------------------------------------- regions by code
def region(kode: str) -> dict:
    """A kab/kota (`74.06`) or a province (`74`) of the national reference: kode, nama ('Kabupaten
    Bombana', 'Provinsi Sulawesi Tenggara'), jenis (kabupaten|kota|provinsi), tingkat (kabkota|
    provinsi), kode_provinsi, provinsi, and nama_pendek ('Bombana': the name without its kind)."""
    nasional = _nasional()
    kode = str(kode).strip()
    try:
        nasional.prefix(kode)
    except ValueError as exc:
        raise WilayahError(str(exc)) from None
    if kode == nasional.NASIONAL or kode.count(".") > 1:
        raise WilayahError(
            f"kode wilayah '{kode}' bukan kabupaten/kota atau provinsi: tulis seperti 74.06 "
            "(kabupaten/kota) atau 74 (provinsi)"
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
    """The region `init` can set up for this code: a kab/kota. A province or the nation is refused
    with a message saying so."""
    nasional = _nasional()
    if str(kode).strip() == nasional.NASIONAL:
        raise WilayahError(
            "dasbor tingkat nasional belum dapat disiapkan; untuk saat ini pilih satu kabupaten/kota, "
            "mis. --wilayah 74.06"
        )
    found = region(kode)
    if found["tingkat"] != "kabkota":
        raise WilayahError(
            f"dasbor tingkat provinsi ({found['nama']}) belum dapat disiapkan; untuk saat ini pilih "
            f"satu kabupaten/kota, mis. --wilayah {found['kode']}.01"
        )
    return found


# --------------------------------------------------------------------------- creation
def create(con: duckdb.DuckDBPyConnection, kode: str) -> None:
    """Fill a new database's reference tables for the kab/kota `kode`."""
    target = installable(kode)
    _national_places(con, kode)
    _curated_names(con, kode)
    _insert_region(con, target)
    _default_election(con, target)
    default_settings(con, db.DEFAULT_ELECTION)


def default_settings(con: duckdb.DuckDBPyConnection, election: str) -> None:
    """The default thresholds and targets for one new election."""
    con.execute(
        "insert into settings select $e, s.key, s.value::double from read_csv($p, header=true, all_varchar=true) s",
        {"e": election, "p": str(REFERENCE_DIR / "pengaturan_bawaan.csv")},
    )


def _national_places(con: duckdb.DuckDBPyConnection, kode: str) -> None:
    """One kab/kota's kecamatan, desa/kelurahan and boundaries from the national reference."""
    nasional = _nasional()
    like = {"p": nasional.prefix(kode) + "%"}
    con.execute(
        "insert into ref_kecamatan select kode_kecamatan, kecamatan, jumlah_desa::integer, "
        "nullif(lat, '')::double, nullif(lon, '')::double "
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
    _insert_boundaries(con, nasional.boundaries("kecamatan", kode)["features"])


def _insert_boundaries(con: duckdb.DuckDBPyConnection, features: list[dict]) -> None:
    rows = [(f["properties"]["kode_kecamatan"], json.dumps(f["geometry"], separators=(",", ":"))) for f in features]
    if rows:
        con.executemany("insert into ref_kecamatan_batas values (?, ?)", rows)


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
JENIS_PEMILIHAN = {"kabupaten": "bupati", "kota": "walikota", "provinsi": "gubernur"}


def election_name(jenis: str, target: dict, tanggal: dt.date) -> str:
    return teks.PEMILIHAN_NAMA[jenis].format(wilayah=target["nama_pendek"], tahun=tanggal.year)


def _default_election(con: duckdb.DuckDBPyConnection, target: dict) -> None:
    """The default election (db.DEFAULT_ELECTION: its day and TPS capacity from elections.csv),
    for the region's own head."""
    row = con.execute(
        "select tanggal::date, kapasitas_tps::int from read_csv($p, header=true, all_varchar=true) "
        "where election_id = $e",
        {"p": str(REFERENCE_DIR / "elections.csv"), "e": db.DEFAULT_ELECTION},
    ).fetchone()
    tanggal, kapasitas = row
    jenis = JENIS_PEMILIHAN[target["jenis"]]
    con.execute(
        "insert into elections (election_id, nama, jenis, tanggal, kapasitas_tps, kode_wilayah) "
        "values ($e, $n, $j, $t, $k, $w)",
        {
            "e": db.DEFAULT_ELECTION,
            "n": election_name(jenis, target, tanggal),
            "j": jenis,
            "t": tanggal,
            "k": kapasitas,
            "w": target["kode"],
        },
    )


def installed(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The region row of an existing database (kode, nama, jenis), None when it has none."""
    row = con.execute("select kode, nama, jenis from wilayah limit 1").fetchone()
    return None if row is None else {"kode": row[0], "nama": row[1], "jenis": row[2]}
