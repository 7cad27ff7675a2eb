"""Inventory of problems (inventarisasi permasalahan): what camat and OPD monitors find in
their kecamatan — logistics, voters, KTP-el, security, ASN neutrality, TPS facilities — with a
status that is followed up until it is closed.

A problem is entered through the form on the Permasalahan page (`tambah`) or uploaded as an Excel
sheet (ingest kind `masalah`, merged by `gabung_unggahan`). Every later change of status or
severity and every follow-up note is appended to `masalah_riwayat` (`tindak_lanjut`); the current
status on `masalah` is only the latest of that history. Every change is recorded in the audit
trail (jejak) in the same write transaction.

Uploads and versions: other kinds replace a kecamatan's data with the newest upload. Problems
must not work that way — a camat's sheet sent again next week would otherwise erase the follow-up
notes entered in the app, or list every problem twice. So an uploaded row is matched to a known
problem: by its problem number (column `NO MASALAH`, the number the app shows and exports) when
given, else by kecamatan + category + description (case and spacing ignored) + date. A matched row
changes nothing unless its status moves forward (baru → ditangani → selesai), its severity differs,
or its follow-up text is new: each such change is appended to the history as from `unggahan #N`.
A status that would move backward (an old sheet after the problem was closed in the app) is left
as it is and counted. Unmatched rows become new problems. A problem missing from a later sheet is
not closed: only a status closes it. The very same file uploaded twice is refused by its checksum
before any of this (ingest), so it changes nothing.

Where the rows live: the small-records store (readiness/catatan.py, SQLite), not the analytical
DuckDB file. A problem entered or followed up is a few bytes written by one of many people; in
the store it costs one short transaction (milliseconds) with its audit record (the store's
`jejak`), where the analytical file would be copied whole (`db.writing`). The analytical
queries read the rows through the views `masalah` and `masalah_riwayat` (see catatan.pasang).

An uploaded sheet touches both stores: the upload record and its raw rows (`uploads`,
`raw_masalah`) are written in the analytical write, the merged problems in the store. They stay
all or nothing this way (readiness/ingest/batch.py `commit_batch`): the store's write
transaction is opened inside the analytical write, after every file's rows are in, and the
merge runs in it; it is committed only after the analytical copy has replaced the live file,
and rolled back when anything before fails (a rejected file, a failed commit or rename) — then
neither store has changed. The store's writer lock is held only for the analytical commit
(checkpoint and rename), never for the copy or the rows of a large file. The one gap left, a
process stopped between the rename and the store's commit, is closed by the next write of the
analytical file: every problem upload not yet in the store's `masalah_unggahan` (written in the
merge's own transaction) is merged then (`gabung_tertinggal`), never twice. The other way round
(store first) could not be repaired: the store would name an upload number the analytical file
never committed and would hand out again.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sqlite3
from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import akses, db, export, fmt, jejak, teks
from ..catatan import baca as baca_catatan
from ..catatan import tulis as tulis_catatan

# code -> label. Incidents reported on election day (readiness/lapor.py) use the same codes.
KATEGORI = {
    "logistik": "Logistik",
    "pemilih": "Pemilih/DPT",
    "ktpel": "KTP-el",
    "keamanan": "Keamanan/trantibmas",
    "netralitas": "Netralitas ASN",
    "sarana_tps": "Sarana TPS",
    "lainnya": "Lainnya",
}
TINGKAT = {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}
STATUS = {"baru": "Baru", "ditangani": "Ditangani", "selesai": "Selesai"}
SELESAI = "selesai"
URUTAN_STATUS = {"baru": 0, "ditangani": 1, "selesai": 2}
URAIAN_MAKS = 2000
TEKS_MAKS = 200

# Other ways a sheet writes a category, severity or status (compared lower-case, spaces squeezed).
_KATEGORI_LAIN = {
    "pemilih/dpt": "pemilih",
    "dpt": "pemilih",
    "pemilih dpt": "pemilih",
    "data pemilih": "pemilih",
    "ktp-el": "ktpel",
    "ktp el": "ktpel",
    "ktp": "ktpel",
    "e-ktp": "ktpel",
    "keamanan/trantibmas": "keamanan",
    "trantibmas": "keamanan",
    "kamtibmas": "keamanan",
    "netralitas asn": "netralitas",
    "asn": "netralitas",
    "sarana tps": "sarana_tps",
    "sarana": "sarana_tps",
    "tps": "sarana_tps",
    "sarana_tps": "sarana_tps",
    "lain-lain": "lainnya",
    "lain lain": "lainnya",
    "lain": "lainnya",
}
_TINGKAT_LAIN = {
    "ringan": "rendah",
    "sedang": "sedang",
    "menengah": "sedang",
    "berat": "tinggi",
    "tinggi": "tinggi",
    "rendah": "rendah",
    "kritis": "tinggi",
}
_STATUS_LAIN = {
    "terbuka": "baru",
    "belum ditangani": "baru",
    "proses": "ditangani",
    "dalam penanganan": "ditangani",
    "sedang ditangani": "ditangani",
    "tuntas": "selesai",
    "ditutup": "selesai",
    "sudah selesai": "selesai",
}


def _kata(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _cari(text, utama: dict, lain: dict) -> str | None:
    key = _kata(text)
    if key in utama:
        return key
    for code, label in utama.items():
        if key == label.lower():
            return code
    return lain.get(key)


def baca_kategori(text) -> str | None:
    return _cari(text, KATEGORI, _KATEGORI_LAIN)


def baca_tingkat(text) -> str | None:
    return _cari(text, TINGKAT, _TINGKAT_LAIN)


def baca_status(text) -> str | None:
    return _cari(text, STATUS, _STATUS_LAIN)


def kunci(kode_kecamatan: str, kategori: str, uraian: str, tanggal: dt.date) -> str:
    """The key an uploaded row is matched by when it carries no problem number."""
    return f"{kode_kecamatan}|{kategori}|{_kata(uraian)}|{tanggal.isoformat()}"


def nomor_tps(value) -> str | None:
    """`TPS 003`, `3`, `003` -> `3`; anything else stays as written (upper-case)."""
    if value is None or str(value).strip() == "":
        return None
    text = re.sub(r"^(TPS|NO\.?)\s*", "", str(value).strip().upper())
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return str(int(text)) if text.isdigit() else text or None


class MasalahError(ValueError):
    """Input that cannot be saved; `problems` are Indonesian sentences, one per field."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Isian:
    """One problem as typed in the form (or read from a sheet row)."""

    kode_kecamatan: str | None
    kategori: str | None
    uraian: str | None
    tanggal: dt.date | None
    tingkat: str | None = "sedang"
    pelapor: str | None = None
    kode_desa: str | None = None
    no_tps: str | None = None


def periksa(
    con: duckdb.DuckDBPyConnection, isian: Isian, *, hari_ini: dt.date | None = None, pelapor_wajib: bool = True
) -> list[str]:
    """Every problem with one entry, in Indonesian (empty list: it can be saved)."""
    out = []
    hari_ini = hari_ini or dt.date.today()
    kec = None
    if not isian.kode_kecamatan:
        out.append("Kecamatan belum dipilih")
    else:
        row = con.execute(
            "select kecamatan from ref_kecamatan where kode_kecamatan = $k", {"k": isian.kode_kecamatan}
        ).fetchall()
        if not row:
            out.append(f"Kecamatan dengan kode '{isian.kode_kecamatan}' tidak dikenal")
        else:
            kec = row[0][0]
    if isian.kode_desa and kec:
        ok = con.execute(
            "select count(*) from ref_desa where kode_desa = $d and kode_kecamatan = $k",
            {"d": isian.kode_desa, "k": isian.kode_kecamatan},
        ).fetchone()[0]
        if not ok:
            out.append(f"Desa/kelurahan dengan kode '{isian.kode_desa}' bukan desa di Kecamatan {kec}")
    if isian.no_tps:
        if not isian.kode_desa:
            out.append("Nomor TPS diisi tetapi desa/kelurahan belum dipilih")
        if not str(isian.no_tps).isdigit() or not 1 <= int(isian.no_tps) <= 999:
            out.append(f"Nomor TPS harus angka 1–999 (tertulis '{isian.no_tps}')")
    if not isian.kategori:
        out.append("Kategori belum dipilih")
    elif isian.kategori not in KATEGORI:
        out.append(f"Kategori '{isian.kategori}' tidak dikenal; pilih salah satu: {', '.join(KATEGORI.values())}")
    uraian = (isian.uraian or "").strip()
    if not uraian:
        out.append("Uraian masalah belum diisi")
    elif len(uraian) > URAIAN_MAKS:
        out.append(
            f"Uraian masalah terlalu panjang ({fmt.angka(len(uraian))} karakter; paling banyak "
            f"{fmt.angka(URAIAN_MAKS)})"
        )
    pelapor = (isian.pelapor or "").strip()
    if pelapor_wajib and not pelapor:
        out.append("Pelapor belum diisi")
    elif len(pelapor) > TEKS_MAKS:
        out.append(f"Nama pelapor terlalu panjang (paling banyak {TEKS_MAKS} karakter)")
    if isian.tanggal is None:
        out.append("Tanggal belum diisi")
    elif isian.tanggal > hari_ini:
        out.append(f"Tanggal {fmt.tanggal(isian.tanggal)} belum terjadi (hari ini {fmt.tanggal(hari_ini)})")
    if isian.tingkat not in TINGKAT:
        out.append(f"Tingkat '{isian.tingkat}' tidak dikenal; pilih salah satu: {', '.join(TINGKAT.values())}")
    return out


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _waktu() -> str:
    """Now, as the store keeps times ('YYYY-MM-DD HH:MM:SS')."""
    return _now().isoformat(sep=" ")


def _nama(pelaku) -> str:
    return pelaku.nama if isinstance(pelaku, akses.Pengguna) else (pelaku or "tidak diketahui")


def _cek_peran(pelaku) -> None:
    # The page checks too; the core refuses as well, so no other caller can skip it.
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "masalah")


def _sisip(con: sqlite3.Connection, election: str, isian: Isian, status: str, pelaku, sumber: str, waktu: str) -> int:
    uraian = isian.uraian.strip()
    masalah_id = con.execute(
        "insert into masalah (election_id, kode_kecamatan, kode_desa, no_tps, kategori, uraian, pelapor, tanggal, "
        "tingkat, status, kunci, dibuat_oleh, dibuat_pada, diubah_pada, sumber) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            election,
            isian.kode_kecamatan,
            isian.kode_desa or None,
            isian.no_tps or None,
            isian.kategori,
            uraian,
            (isian.pelapor or "").strip() or None,
            isian.tanggal.isoformat(),
            isian.tingkat,
            status,
            kunci(isian.kode_kecamatan, isian.kategori, uraian, isian.tanggal),
            _nama(pelaku),
            waktu,
            waktu,
            sumber,
        ),
    ).lastrowid
    con.execute(
        "insert into masalah_riwayat (masalah_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, "
        "tingkat_sesudah, catatan, sumber) values (?, ?, ?, null, ?, null, ?, null, ?)",
        (masalah_id, waktu, _nama(pelaku), status, isian.tingkat, sumber),
    )
    return masalah_id


def tambah(
    db_path,
    election: str,
    isian: Isian,
    pelaku,
    *,
    ref: duckdb.DuckDBPyConnection | None = None,
    hari_ini: dt.date | None = None,
) -> int:
    """Save a new problem (status `baru`) entered through the form, with its audit record, in one
    transaction of the small-records store; returns its number. `ref` reads the reference places
    (a cursor of the analytical file; opened here when not given)."""
    _cek_peran(pelaku)
    isian.no_tps = nomor_tps(isian.no_tps)
    con = ref if ref is not None else db.open_file_read_only(db.ensure_database(db_path))
    try:
        problems = periksa(con, isian, hari_ini=hari_ini)
    finally:
        if ref is None:
            con.close()
    if problems:
        raise MasalahError(problems)
    with tulis_catatan(db_path) as store:
        masalah_id = _sisip(store, election, isian, "baru", pelaku, "formulir", _waktu())
        jejak.catat(
            store,
            pelaku,
            "masalah",
            f"masalah #{masalah_id}",
            rincian={"tindakan": "tambah", "pemilihan": election},
            sesudah={
                "kode_kecamatan": isian.kode_kecamatan,
                "kode_desa": isian.kode_desa,
                "no_tps": isian.no_tps,
                "kategori": isian.kategori,
                "uraian": isian.uraian.strip(),
                "pelapor": isian.pelapor,
                "tanggal": isian.tanggal,
                "tingkat": isian.tingkat,
                "status": "baru",
            },
        )
    return masalah_id


def _sekarang(con: sqlite3.Connection, masalah_id: int):
    return con.execute(
        "select status, tingkat, election_id from masalah where masalah_id = ?", (masalah_id,)
    ).fetchone()


def _catat_riwayat(con, masalah_id, waktu, pelaku, status_lama, status, tingkat_lama, tingkat, catatan, sumber):
    con.execute(
        "insert into masalah_riwayat (masalah_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, "
        "tingkat_sesudah, catatan, sumber) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (masalah_id, waktu, _nama(pelaku), status_lama, status, tingkat_lama, tingkat, catatan, sumber),
    )
    con.execute(
        "update masalah set status = ?, tingkat = ?, diubah_pada = ? where masalah_id = ?",
        (status, tingkat, waktu, masalah_id),
    )


def tindak_lanjut(
    db_path,
    masalah_id: int,
    pelaku,
    *,
    status: str | None = None,
    tingkat: str | None = None,
    catatan: str | None = None,
) -> None:
    """Append a follow-up to a problem: a note and/or a new status or severity. Nothing earlier is
    changed; the history keeps every step. One transaction of the small-records store, its audit
    record with it (what is read inside stays true until the commit)."""
    _cek_peran(pelaku)
    with tulis_catatan(db_path) as store:
        now = _sekarang(store, masalah_id)
        if now is None:
            raise MasalahError([f"Masalah #{masalah_id} tidak ada"])
        status_lama, tingkat_lama, election = now
        status = status or status_lama
        tingkat = tingkat or tingkat_lama
        catatan = (catatan or "").strip() or None
        problems = []
        if status not in STATUS:
            problems.append(f"Status '{status}' tidak dikenal; pilih salah satu: {', '.join(STATUS.values())}")
        if tingkat not in TINGKAT:
            problems.append(f"Tingkat '{tingkat}' tidak dikenal; pilih salah satu: {', '.join(TINGKAT.values())}")
        if catatan and len(catatan) > URAIAN_MAKS:
            problems.append(f"Catatan tindak lanjut terlalu panjang (paling banyak {fmt.angka(URAIAN_MAKS)} karakter)")
        if not problems and status == status_lama and tingkat == tingkat_lama and not catatan:
            problems.append("Tidak ada yang berubah: tulis catatan tindak lanjut atau ubah status/tingkat")
        if problems:
            raise MasalahError(problems)
        _catat_riwayat(
            store, masalah_id, _waktu(), pelaku, status_lama, status, tingkat_lama, tingkat, catatan, "formulir"
        )
        jejak.catat(
            store,
            pelaku,
            "masalah",
            f"masalah #{masalah_id}",
            rincian={"tindakan": "tindak lanjut", "pemilihan": election, "catatan": catatan},
            sebelum={"status": status_lama, "tingkat": tingkat_lama},
            sesudah={"status": status, "tingkat": tingkat},
        )


def gabung_unggahan(
    con: duckdb.DuckDBPyConnection, store: sqlite3.Connection, upload_id: int, election: str, pelaku
) -> dict:
    """Merge the rows of one problem upload (raw_masalah, read from the analytical write `con`)
    into the inventory, in the store's write transaction `store`; see the module docstring for
    why rows are matched instead of versioned, and for how the two commits stay all or nothing.
    Returns the counts."""
    sumber = f"unggahan #{upload_id}"
    waktu = _waktu()
    rows = con.execute(
        "select source_row, kode_kecamatan, kode_desa, no_tps, nomor, kategori, uraian, pelapor, tanggal, "
        "tingkat, status, tindak_lanjut, kunci from raw_masalah where upload_id = $u order by source_sheet, source_row",
        {"u": upload_id},
    ).fetchall()
    hitung = {"baru": 0, "diperbarui": 0, "sama": 0, "status_lebih_lama": 0}
    for _, kec, desa, tps, nomor, kat, uraian, pelapor, tanggal, tingkat, status, catatan, key in rows:
        found = None
        if nomor is not None:
            found = store.execute(
                "select masalah_id from masalah where masalah_id = ? and election_id = ? and kode_kecamatan = ?",
                (nomor, election, kec),
            ).fetchone()
        if not found:
            found = store.execute(
                "select min(masalah_id) from masalah where election_id = ? and kunci = ? having count(*) > 0",
                (election, key),
            ).fetchone()
        if not found:
            isian = Isian(kec, kat, uraian, tanggal, tingkat or "sedang", pelapor, desa, tps)
            masalah_id = _sisip(store, election, isian, status or "baru", pelaku, sumber, waktu)
            if catatan:
                _catat_riwayat(
                    store,
                    masalah_id,
                    waktu,
                    pelaku,
                    status or "baru",
                    status or "baru",
                    isian.tingkat,
                    isian.tingkat,
                    catatan,
                    sumber,
                )
            hitung["baru"] += 1
            continue
        masalah_id = found[0]
        status_lama, tingkat_lama, _ = _sekarang(store, masalah_id)
        status_baru, tingkat_baru = status_lama, tingkat or tingkat_lama
        if status and URUTAN_STATUS[status] > URUTAN_STATUS[status_lama]:
            status_baru = status
        elif status and status != status_lama:
            hitung["status_lebih_lama"] += 1
        ada = (
            store.execute(
                "select count(*) from masalah_riwayat where masalah_id = ? and catatan = ?", (masalah_id, catatan)
            ).fetchone()[0]
            if catatan
            else 1
        )
        catatan_baru = catatan if not ada else None
        if status_baru == status_lama and tingkat_baru == tingkat_lama and catatan_baru is None:
            hitung["sama"] += 1
            continue
        _catat_riwayat(
            store, masalah_id, waktu, pelaku, status_lama, status_baru, tingkat_lama, tingkat_baru, catatan_baru, sumber
        )
        hitung["diperbarui"] += 1
    store.execute(
        "insert into masalah_unggahan (upload_id, election_id, waktu, hitung) values (?, ?, ?, ?)",
        (upload_id, election, waktu, json.dumps(hitung)),
    )
    jejak.catat(store, pelaku, "masalah", sumber, rincian={"tindakan": "unggah", "pemilihan": election, **hitung})
    return hitung


def gabung_tertinggal(con: duckdb.DuckDBPyConnection, db_path) -> list[int]:
    """Merge every problem upload committed in the analytical file but not in the store (a process
    stopped between the two commits); run by every write of the analytical file (db.writing).
    Returns the uploads merged now."""
    with baca_catatan(db_path) as store:
        merged = {r[0] for r in store.execute("select upload_id from masalah_unggahan")}
    waiting = [
        r
        for r in con.execute(
            "select upload_id, election_id, uploaded_by from uploads where kind = 'masalah' order by upload_id"
        ).fetchall()
        if r[0] not in merged
    ]
    done = []
    for upload_id, election, uploaded_by in waiting:
        with tulis_catatan(db_path) as store:
            if store.execute("select 1 from masalah_unggahan where upload_id = ?", (upload_id,)).fetchone():
                continue  # another process merged it meanwhile
            gabung_unggahan(con, store, upload_id, election, uploaded_by)
        done.append(upload_id)
    return done


# --------------------------------------------------------------------------- weekly report
def minggu(tanggal: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week `tanggal` falls in."""
    senin = tanggal - dt.timedelta(days=tanggal.weekday())
    return senin, senin + dt.timedelta(days=6)


def label_minggu(senin: dt.date) -> str:
    """`18–24 November 2024` (`28 Oktober – 3 November 2024` across months)."""
    minggu_ = senin + dt.timedelta(days=6)
    if senin.month == minggu_.month:
        return f"{senin.day}–{fmt.tanggal(minggu_)}"
    return f"{fmt.tanggal(senin).rsplit(' ', 1)[0] if senin.year == minggu_.year else fmt.tanggal(senin)} – {fmt.tanggal(minggu_)}"


def laporan_mingguan(con: duckdb.DuckDBPyConnection, election: str, senin: dt.date) -> pd.DataFrame:
    """Every problem open at some time in the week starting `senin` (query marts/masalah_mingguan),
    with its status and severity as they were at the week's end."""
    awal = dt.datetime.combine(senin, dt.time())
    return db.run(con, "marts/masalah_mingguan", election=election, awal=awal, akhir=awal + dt.timedelta(days=7))


def ringkasan_korwil(df: pd.DataFrame) -> pd.DataFrame:
    """Per korwil: problems in the report, new this week, closed this week, still open (of which high)."""
    if df.empty:
        return pd.DataFrame(columns=["korwil", "koordinator", "jumlah", "baru", "selesai", "terbuka", "terbuka_tinggi"])
    d = df.assign(korwil=df["korwil"].fillna("Tanpa korwil"), terbuka=df["status"] != SELESAI)
    d["terbuka_tinggi"] = d["terbuka"] & (d["tingkat"] == "tinggi")
    g = d.groupby("korwil", sort=True).agg(
        koordinator=("koordinator", "first"),
        jumlah=("masalah_id", "count"),
        baru=("baru_minggu_ini", "sum"),
        selesai=("selesai_minggu_ini", "sum"),
        terbuka=("terbuka", "sum"),
        terbuka_tinggi=("terbuka_tinggi", "sum"),
    )
    return g.reset_index()


_DETAIL = [
    ("masalah_id", "No. masalah"),
    ("kecamatan", "Kecamatan"),
    ("desa", "Desa/Kelurahan"),
    ("no_tps", "TPS"),
    ("kategori", "Kategori"),
    ("uraian", "Uraian masalah"),
    ("pelapor", "Pelapor"),
    ("tanggal", "Tanggal"),
    ("tingkat", "Tingkat"),
    ("status", "Status akhir minggu"),
    ("catatan_terakhir", "Tindak lanjut terakhir"),
]


def laporan_xlsx(
    df: pd.DataFrame,
    pemilihan: str,
    senin: dt.date,
    dibuat: dt.datetime | None = None,
    wilayah: str | None = None,
    untuk: str | None = None,
) -> bytes:
    """The weekly report for the region's acting head (`untuk`: 'Pj Wali Kota Probolinggo'): a
    summary sheet (one row per korwil) and one detail sheet per korwil, titled with the region's
    name (`wilayah`). Every text cell is written as text (a description starting with `=` stays
    text, never a formula)."""
    dibuat = dibuat or _now()
    buffer = io.BytesIO()
    judul = f"Laporan mingguan permasalahan pilkada{' ' + wilayah if wilayah else ''}, {label_minggu(senin)}"
    wb, house = export.buku(buffer, judul)
    f_title, f_note, f_warn, f_head = house["judul"], house["catatan"], house["peringatan"], house["kepala"]
    f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    f_date = wb.add_format({"num_format": "d mmmm yyyy", "valign": "top"})
    f_num = wb.add_format({"num_format": "#,##0", "valign": "top"})

    def kepala(ws, sub: str) -> int:
        ws.write_string(0, 0, judul, f_title)
        ws.write_string(1, 0, sub, f_note)
        ws.write_string(2, 0, f"Pemilihan: {pemilihan}", f_note)
        ws.write_string(3, 0, f"Dibuat: {fmt.tanggal_jam(dibuat)}", f_note)
        ws.write_string(4, 0, teks.DISCLAIMER, f_warn)
        return 6

    def tulis(ws, r, c, value, cell_format=None):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
            return
        if isinstance(value, (bool,)):
            ws.write_string(r, c, "ya" if value else "tidak", cell_format)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, float(value), cell_format or f_num)
        elif isinstance(value, (dt.date, pd.Timestamp)):
            value = pd.Timestamp(value).to_pydatetime()
            ws.write_datetime(r, c, value, f_date)
        else:
            ws.write_string(r, c, str(value), cell_format)  # text stays text, whatever it starts with

    ringkas = ringkasan_korwil(df)
    ws = wb.add_worksheet("Ringkasan")
    head = kepala(
        ws,
        (f"Untuk {untuk}. " if untuk else "")
        + "Per koordinator wilayah: masalah yang terbuka pada minggu ini, baru, selesai, dan yang masih terbuka",
    )
    cols = [
        ("korwil", "Korwil"),
        ("koordinator", "Koordinator"),
        ("jumlah", "Masalah dalam laporan"),
        ("baru", "Baru minggu ini"),
        ("selesai", "Selesai minggu ini"),
        ("terbuka", "Masih terbuka"),
        ("terbuka_tinggi", "Terbuka, tingkat tinggi"),
    ]
    for c, (_, name) in enumerate(cols):
        ws.write_string(head, c, name, f_head)
        ws.set_column(c, c, 22 if c > 1 else 30)
    for r, row in enumerate(ringkas.to_dict("records"), start=head + 1):
        for c, (src, _) in enumerate(cols):
            value = row[src]
            tulis(ws, r, c, int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value)
    total_row = head + 1 + len(ringkas)
    ws.write_string(total_row, 0, "Jumlah", wb.add_format({"bold": True}))
    for c, (src, _) in enumerate(cols[2:], start=2):
        ws.write_number(total_row, c, float(ringkas[src].sum()) if len(ringkas) else 0.0, f_num)
    if df.empty:
        ws.write_string(total_row + 2, 0, "Tidak ada masalah terbuka pada minggu ini.")

    used = {"Ringkasan"}
    for korwil, group in (
        df.assign(korwil=df["korwil"].fillna("Tanpa korwil")).groupby("korwil", sort=True) if not df.empty else []
    ):
        name = re.sub(r"[\[\]:*?/\\]", " ", str(korwil))[:31].strip() or "Korwil"
        base, n = name, 2
        while name in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name)
        ws = wb.add_worksheet(name)
        koor = group["koordinator"].dropna()
        head = kepala(ws, f"{korwil}" + (f" — koordinator {koor.iloc[0]}" if len(koor) else ""))
        for c, (_, label) in enumerate(_DETAIL):
            ws.write_string(head, c, label, f_head)
        widths = {"uraian": 60, "catatan_terakhir": 45, "masalah_id": 7, "no_tps": 6}
        for c, (src, _) in enumerate(_DETAIL):
            ws.set_column(c, c, widths.get(src, 18), f_wrap if src in ("uraian", "catatan_terakhir") else None)
        # Open before closed, high severity first, then by kecamatan and date.
        group = group.assign(
            _s=group["status"].map(URUTAN_STATUS), _t=group["tingkat"].map({"tinggi": 0, "sedang": 1, "rendah": 2})
        ).sort_values(["_s", "_t", "kecamatan", "tanggal", "masalah_id"])
        for r, row in enumerate(group.to_dict("records"), start=head + 1):
            for c, (src, _) in enumerate(_DETAIL):
                value = row[src]
                if src == "kategori":
                    value = KATEGORI.get(value, value)
                elif src == "tingkat":
                    value = TINGKAT.get(value, value)
                elif src == "status":
                    value = STATUS.get(value, value)
                elif src == "masalah_id":
                    value = int(value)
                tulis(ws, r, c, value, f_wrap if isinstance(value, str) else None)
        ws.freeze_panes(head + 1, 0)
        ws.autofilter(head, 0, head + len(group), len(_DETAIL) - 1)
    wb.close()
    return buffer.getvalue()


def ringkas_gabung(hitung: dict) -> str:
    """`2 masalah baru, 1 diperbarui, 3 tidak berubah` (+ `1 status lebih lama dari aplikasi, diabaikan`)."""
    parts = [
        f"{fmt.angka(hitung['baru'])} masalah baru",
        f"{fmt.angka(hitung['diperbarui'])} diperbarui",
        f"{fmt.angka(hitung['sama'])} tidak berubah",
    ]
    if hitung.get("status_lebih_lama"):
        parts.append(
            f"{fmt.angka(hitung['status_lebih_lama'])} status di lembar lebih lama dari status di aplikasi "
            "(tidak diubah)"
        )
    return ", ".join(parts)


def nama_berkas_laporan(election: str, senin: dt.date) -> str:
    return f"laporan_permasalahan_{election}_minggu_{senin.isoformat()}.xlsx"
