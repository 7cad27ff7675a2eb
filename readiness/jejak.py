"""The audit trail: append-only rows, written inside the same transaction as the change they
record, so a change and its record land together or not at all. Nothing updates or deletes them.

Two stores hold it. What is written inside an analytical write (uploads, version activations,
korwil and other settings kept in the analytical file) is in the DuckDB table `jejak`; logins,
logouts, user changes, exports, refused uploads (readiness/ingest/ditolak.py), problems and the
thresholds and targets saved on the Pengaturan page are in the small-records store (readiness/catatan.py, table `jejak`, where triggers refuse
UPDATE and DELETE), each in the transaction of its change. `daftar` and `rentang` show both as one
trail in time order."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING

import duckdb

from readiness import catatan, db, fmt, teks
from readiness.akses import Pengguna

if TYPE_CHECKING:
    import pandas as pd

CLI = Pengguna(nama="cli", peran="admin")


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def catat(
    con: duckdb.DuckDBPyConnection | sqlite3.Connection,
    pelaku: Pengguna | str | None,
    aksi: str,
    objek: str | None = None,
    *,
    rincian=None,
    sebelum=None,
    sesudah=None,
) -> int | None:
    """Record one action on `con`: a DuckDB connection inside `db.writing`, or a connection of the
    small-records store inside `catatan.tulis` (then the new row's id is returned). `pelaku` is the
    acting user (or a plain name such as 'cli')."""
    if isinstance(pelaku, Pengguna):
        nama, peran = pelaku.nama, pelaku.peran
    else:
        nama, peran = (pelaku or "tidak diketahui"), None
    if isinstance(con, sqlite3.Connection):
        return con.execute(
            "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            (catatan.sekarang(), nama, peran, aksi, objek, _json(rincian), _json(sebelum), _json(sesudah)),
        ).lastrowid
    con.execute(
        "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah) "
        "values ($waktu, $pelaku, $peran, $aksi, $objek, $rincian, $sebelum, $sesudah)",
        {
            "waktu": dt.datetime.now(),
            "pelaku": nama,
            "peran": peran,
            "aksi": aksi,
            "objek": objek,
            "rincian": _json(rincian),
            "sebelum": _json(sebelum),
            "sesudah": _json(sesudah),
        },
    )


def potret_pengaturan(con: duckdb.DuckDBPyConnection, election: str) -> dict:
    """Every setting an admin can change for `election`, as {name: value}: thresholds and targets
    (`settings`), the TPS capacity, the app-wide settings (`aplikasi:…`) and the korwil of each
    kecamatan (`korwil:<kode>`). Taken before and after a change to record what changed."""
    out = {
        k: v
        for k, v in con.execute(
            "select key, value from stg_settings where election_id = $e order by key", {"e": election}
        ).fetchall()
    }
    for (kapasitas,) in con.execute(
        "select kapasitas_tps from elections where election_id = $e", {"e": election}
    ).fetchall():
        out["kapasitas_tps"] = kapasitas
    for key, value in con.execute("select key, value from app_settings order by key").fetchall():
        out[f"aplikasi:{key}"] = value
    for kode, korwil, koordinator in con.execute(
        "select kode_kecamatan, korwil, koordinator from korwil where election_id = $e order by 1", {"e": election}
    ).fetchall():
        out[f"korwil:{kode}"] = f"{korwil} ({koordinator})" if koordinator else korwil
    return out


def catat_pengaturan(
    con: duckdb.DuckDBPyConnection, pelaku, objek: str, sebelum: dict, election: str, sesudah: dict | None = None
) -> None:
    """Record a settings change with the values before and after — only those that changed. `sesudah`:
    the values after, when `con` is not where they are read (the small-records store's transaction)."""
    sesudah = potret_pengaturan(con, election) if sesudah is None else sesudah
    berubah = sorted(k for k in set(sebelum) | set(sesudah) if sebelum.get(k) != sesudah.get(k))
    catat(
        con,
        pelaku,
        "pengaturan",
        objek,
        rincian={"pemilihan": election, "jumlah_berubah": len(berubah)},
        sebelum={k: sebelum.get(k) for k in berubah},
        sesudah={k: sesudah.get(k) for k in berubah},
    )


# What the Jejak Audit page calls each action (UI words, Indonesian).
AKSI_LABEL = {
    "unggah": "Unggah data",
    "unggah_ditolak": "Unggahan ditolak",
    "aktifkan": "Aktifkan versi lama",
    "pengaturan": "Ubah pengaturan",
    "pengguna": "Ubah pengguna",
    "ekspor": "Unduh / ekspor",
    "masuk": "Masuk",
    "keluar": "Keluar",
    "masalah": "Permasalahan",
    "lapor": "Lapor cepat",
}


# How long a file's fingerprint (SHA-256) is shown: enough to tell two files apart by eye.
SIDIK_TAMPIL = 8
# A detail names its upload, election and kind of data first, whatever order it was stored in.
RINCIAN_DEPAN = ["upload_id", "pemilihan", "jenis", "berkas"]


def uraikan(nilai, pemilihan: dict[str, str] | None = None) -> str:
    """A JSON detail as one readable line in words, never a raw key or code: `unggahan #7;
    Pilbup 2024; jenis data: rekap pemilih; baris: 1.739; sidik berkas 7d3f7fd7…` (empty when
    there is none). `pemilihan` ({election id: its name}) names the election."""
    if nilai is None or (isinstance(nilai, float) and nilai != nilai):
        return ""
    try:
        data = json.loads(nilai) if isinstance(nilai, str) else nilai
    except ValueError:
        return str(nilai)
    if isinstance(data, dict):
        urut = sorted(data, key=lambda k: RINCIAN_DEPAN.index(k) if k in RINCIAN_DEPAN else len(RINCIAN_DEPAN))
        return "; ".join(_satu_rincian(k, data[k], pemilihan or {}) for k in urut)
    return str(data)


def _satu_rincian(key: str, v, pemilihan: dict[str, str]) -> str:
    if key == "upload_id" and v is not None:
        return f"unggahan #{v}"
    if key == "sha256" and isinstance(v, str):
        return f"sidik berkas {v[:SIDIK_TAMPIL]}…"
    if key == "pemilihan" and isinstance(v, str):
        return pemilihan.get(v, f"pemilihan {v}")
    if key == "jenis" and isinstance(v, str):
        return f"jenis data: {teks.JENIS_SINGKAT.get(v, v)}"
    return f"{key.replace('_', ' ')}: {_kata_nilai(v)}"


def _kata_nilai(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, (int, float)):
        return fmt.ringkas(v)
    return str(v)


# --------------------------------------------------------------------------- both stores as one trail
def _catatan_frame(db_path, dari: dt.date, sampai: dt.date) -> pd.DataFrame:
    """The store's trail between two dates; a failed-login row counted again later carries its
    count (`jumlah_percobaan`, `ditahan`, `terakhir`) in its details."""
    import pandas as pd

    with catatan.baca(db_path) as con:
        rows = con.execute(
            "select j.id, j.waktu, j.pelaku, j.peran, j.aksi, j.objek, j.rincian, j.sebelum, j.sesudah, "
            "u.jumlah, u.ditahan, u.terakhir from jejak j left join jejak_ulang u on u.jejak_id = j.id "
            "where j.waktu >= ? and j.waktu < ? order by j.id",
            (dari.isoformat(), (sampai + dt.timedelta(days=1)).isoformat()),
        ).fetchall()
    data = []
    for r in rows:
        rincian = r["rincian"]
        if r["jumlah"] is not None and r["jumlah"] > 1:
            detail = json.loads(rincian) if rincian else {}
            detail.update({"jumlah_percobaan": r["jumlah"], "ditahan": r["ditahan"], "terakhir": r["terakhir"]})
            rincian = json.dumps(detail, ensure_ascii=False, default=str)
        data.append(
            (r["id"], r["waktu"], r["pelaku"], r["peran"], r["aksi"], r["objek"], rincian, r["sebelum"], r["sesudah"])
        )
    frame = pd.DataFrame(
        data, columns=["id", "waktu", "pelaku", "peran", "aksi", "objek", "rincian", "sebelum", "sesudah"]
    )
    frame["id"] = frame["id"].astype("int64")
    frame["waktu"] = pd.to_datetime(frame["waktu"], format="ISO8601")
    for col in ("pelaku", "peran", "aksi", "objek", "rincian", "sebelum", "sesudah"):
        frame[col] = frame[col].astype("object")
    return frame


def daftar(con: duckdb.DuckDBPyConnection, db_path, dari: dt.date, sampai: dt.date) -> pd.DataFrame:
    """The whole trail between two dates (inclusive), newest first (query marts/jejak): the
    analytical file's rows and the store's, the store's numbered `C-…`. `con` is a DuckDB
    connection or cursor of its own (the store's rows are registered on it for the query)."""
    con.register("jejak_catatan", _catatan_frame(db_path, dari, sampai))
    try:
        return db.run(con, "marts/jejak", dari=dari, sampai=sampai)
    finally:
        con.unregister("jejak_catatan")


def rentang(con: duckdb.DuckDBPyConnection, db_path) -> dict:
    """First and last day of the whole trail and its size (query marts/jejak_rentang)."""
    import pandas as pd

    with catatan.baca(db_path) as store:
        pertama, terakhir, jumlah = store.execute("select min(waktu), max(waktu), count(*) from jejak").fetchone()
    frame = pd.DataFrame(
        {
            "pertama": pd.to_datetime([pertama], format="ISO8601"),
            "terakhir": pd.to_datetime([terakhir], format="ISO8601"),
            "jumlah": [int(jumlah)],
        }
    )
    con.register("jejak_catatan_rentang", frame)
    try:
        return db.run(con, "marts/jejak_rentang").iloc[0].to_dict()
    finally:
        con.unregister("jejak_catatan_rentang")
