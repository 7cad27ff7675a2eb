"""Lapor cepat: election-day reports from the field, and what the dashboard makes of them.

Where the reports live. The main database is written copy-on-write (db.writing copies the whole
file per write and bumps the data version every page cache keys on): right for uploads, far too
heavy for thousands of small reports in an hour. Reports go to a database file of their own next
to the main one (`readiness.lapor.duckdb`, see `lapor_path`), opened read-write by the server
process alone and written by ONE thread (`Layanan`, kept by the app in st.cache_resource):

- a submitter puts its report on a queue and waits on a Future; the writer thread drains the queue
  and commits whatever is waiting in one short transaction (group commit), then answers every
  Future. "Terkirim" is shown only after the commit.
- each form carries a submission id (`kirim_id`, UNIQUE): a form sent twice (double tap, a network
  hiccup, a retry after a timeout) is recognised and answered with the time it first arrived,
  never stored twice;
- the order is the server's: a sequence number (`seq`) and the time received (`diterima`);
- a correction is a new report for the same TPS and stage: it supersedes the previous one (whose
  `seq` it names in `menggantikan`), nothing is overwritten, the latest counts;
- the audit trail of reports lives in the same file (`jejak_lapor`), written in the same
  transaction as what it records: reports, corrections, resubmissions, refusals, Excel uploads,
  incidents closed. (The main `jejak` table is copy-on-write too; one copy per report would not do.)

Readers in the same process take cursors of the same DuckDB instance and see committed data.
Other processes cannot open the file while the server holds it (DuckDB: one writing process per
file); `baca_saja` says so in Indonesian instead of failing (the `slides` command uses it).

Which TPS exist, their DPT and the targets come from the main database (marts/tps, marts/partisipasi);
this module never imports streamlit.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import queue
import re
import threading
import uuid
from concurrent.futures import Future, TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from .. import akses, db, fmt, masalah, privacy

# The stages a TPS reports on election day, in order.
TAHAP = {
    "logistik_tiba": "Logistik tiba",
    "tps_dibuka": "TPS dibuka",
    "pemungutan_selesai": "Pemungutan selesai",
    "penghitungan_selesai": "Penghitungan selesai",
}
# Stages whose report carries the number of voters who came (pengguna hak pilih, L/P).
TAHAP_HADIR = ("pemungutan_selesai", "penghitungan_selesai")
KEJADIAN = "kejadian"  # a report of an incident alone
JENIS = {**TAHAP, KEJADIAN: "Kejadian saja"}

URAIAN_MAKS = 1000
BATCH_MAKS = 256          # reports committed together at most
TUNGGU_DETIK = 30.0       # how long a submitter waits for its commit

SCHEMA = """
create table if not exists laporan (
    seq bigint primary key,
    kirim_id varchar not null unique,
    diterima timestamp not null,
    election_id varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar not null,
    no_tps varchar not null,
    tahap varchar not null,
    waktu timestamp not null,
    hadir_l integer,
    hadir_p integer,
    kategori varchar,
    uraian varchar,
    pelapor varchar not null,
    peran varchar,
    sumber varchar not null,
    menggantikan bigint
);
create table if not exists kejadian_selesai (
    seq bigint primary key,
    waktu timestamp not null,
    oleh varchar not null,
    peran varchar,
    catatan varchar
);
create table if not exists unggahan_lapor (
    sha256 varchar not null,
    election_id varchar not null,
    file_name varchar not null,
    baris integer not null,
    oleh varchar not null,
    waktu timestamp not null,
    primary key (sha256, election_id)
);
create table if not exists jejak_lapor (
    nomor bigint primary key,
    waktu timestamp not null,
    pelaku varchar not null,
    peran varchar,
    aksi varchar not null,
    objek varchar,
    rincian varchar
);
"""


def lapor_path(main_path: Path | str) -> Path:
    """`data/readiness.duckdb` -> `data/readiness.lapor.duckdb` (git-ignored like the main file)."""
    return Path(main_path).with_suffix(".lapor.duckdb")


def kategori() -> dict[str, str]:
    """code -> label of incident categories: those of the problem inventory (readiness.masalah)."""
    return dict(masalah.KATEGORI)


class LaporanDitolak(ValueError):
    """A report refused before it was stored; the message is for the user (Indonesian)."""


class BelumTersimpan(RuntimeError):
    """The writer did not confirm in time: the report may or may not be stored. Sending the same
    form again is safe (its kirim_id is recognised)."""


# --------------------------------------------------------------------------- the TPS list
@dataclass(frozen=True)
class Tps:
    kode_kecamatan: str
    kecamatan: str
    kode_desa: str
    desa: str
    no_tps: str
    dpt: int | None

    @property
    def label(self) -> str:
        return f"TPS {self.no_tps} Desa {self.desa} (Kecamatan {self.kecamatan})"


class DaftarTps:
    """The active TPS list of one election (marts/tps of the main database), keyed by desa and TPS."""

    def __init__(self, election: str, frame: pd.DataFrame):
        self.election = election
        cols = ["kode_kecamatan", "kecamatan", "kode_desa", "desa", "no_tps", "dpt"]
        self.frame = frame[cols].copy().reset_index(drop=True) if len(frame) else pd.DataFrame(columns=cols)
        self.frame["no_tps"] = self.frame["no_tps"].astype(str)
        self._index = {(r.kode_desa, r.no_tps): Tps(r.kode_kecamatan, r.kecamatan, r.kode_desa, r.desa, r.no_tps,
                                                     None if pd.isna(r.dpt) else int(r.dpt))
                       for r in self.frame.itertuples(index=False)}

    @classmethod
    def dari_db(cls, con: duckdb.DuckDBPyConnection, election: str) -> "DaftarTps":
        return cls(election, db.run(con, "marts/tps", election=election, kecamatan=None))

    def __len__(self) -> int:
        return len(self._index)

    def get(self, kode_desa: str, no_tps: str) -> Tps | None:
        return self._index.get((kode_desa, str(no_tps)))

    def wilayah(self, pengguna: akses.Pengguna | None) -> pd.DataFrame:
        """The TPS this user may report for."""
        if pengguna is None:
            return self.frame.iloc[0:0]
        mask = [boleh_wilayah(pengguna, k, d) for k, d in zip(self.frame["kode_kecamatan"], self.frame["kode_desa"])]
        return self.frame[mask]


def boleh_wilayah(pengguna: akses.Pengguna | None, kode_kecamatan: str, kode_desa: str) -> bool:
    """A pelapor reports only for the kecamatan or desa assigned to them (`Pengguna.wilayah`);
    a pelapor without an area reports for none. Other roles: their area when one is set, else all."""
    if pengguna is None:
        return False
    wilayah = pengguna.wilayah
    if not wilayah:
        return pengguna.peran != "pelapor"
    return wilayah in (kode_kecamatan, kode_desa)


# --------------------------------------------------------------------------- a report
@dataclass(frozen=True)
class Laporan:
    election: str
    kode_desa: str
    no_tps: str
    tahap: str                      # a key of TAHAP, or KEJADIAN
    waktu: dt.datetime              # when it happened, as reported
    hadir_l: int | None = None
    hadir_p: int | None = None
    kategori: str | None = None     # incident category (readiness.masalah.KATEGORI)
    uraian: str | None = None       # incident text
    kirim_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class Hasil:
    """What the server did with a report: `baru` (stored now) or `ganda` (already received)."""
    status: str
    seq: int
    diterima: dt.datetime
    menggantikan: int | None = None
    peringatan: tuple[str, ...] = ()

    @property
    def pesan(self) -> str:
        jam = self.diterima.strftime("%H.%M.%S")
        if self.status == "ganda":
            return (f"Laporan ini sudah diterima pukul {jam} (nomor {fmt.angka(self.seq)}); "
                    "tidak dicatat dua kali.")
        koreksi = f", menggantikan laporan nomor {fmt.angka(self.menggantikan)}" if self.menggantikan else ""
        return f"Terkirim pukul {jam} (nomor {fmt.angka(self.seq)}{koreksi})."


def periksa(pengguna: akses.Pengguna | None, lap: Laporan, daftar: DaftarTps) -> tuple[Tps, list[str]]:
    """The server's check of one report: returns its TPS and warnings, or raises LaporanDitolak.
    Called for every report before it is queued, whatever the form offered."""
    if not akses.boleh(pengguna, "lapor"):
        raise LaporanDitolak("Anda tidak memiliki akses untuk mengirim laporan.")
    if lap.election != daftar.election:
        raise LaporanDitolak("Laporan untuk pemilihan lain tidak diterima di sini.")
    tps = daftar.get(lap.kode_desa, lap.no_tps)
    if tps is None:
        raise LaporanDitolak(f"TPS {lap.no_tps} tidak ada di daftar TPS aktif desa ini.")
    if not boleh_wilayah(pengguna, tps.kode_kecamatan, tps.kode_desa):
        raise LaporanDitolak(f"{tps.label} bukan wilayah tugas Anda; laporan ditolak.")
    if lap.tahap not in JENIS:
        raise LaporanDitolak("Tahap laporan tidak dikenal.")
    if not isinstance(lap.kirim_id, str) or not re.fullmatch(r"[0-9A-Za-z:._-]{8,120}", lap.kirim_id):
        raise LaporanDitolak("Formulir tidak lengkap; muat ulang halaman lalu kirim lagi.")
    if lap.waktu > dt.datetime.now() + dt.timedelta(minutes=10):
        raise LaporanDitolak(f"Waktu {lap.waktu.strftime('%H.%M')} belum terjadi; periksa jamnya.")
    peringatan = []
    if lap.tahap in TAHAP_HADIR:
        if lap.hadir_l is None or lap.hadir_p is None:
            raise LaporanDitolak("Isi jumlah pengguna hak pilih laki-laki (L) dan perempuan (P).")
        if lap.hadir_l < 0 or lap.hadir_p < 0:
            raise LaporanDitolak("Jumlah pengguna hak pilih tidak boleh negatif.")
        if tps.dpt is not None and lap.hadir_l + lap.hadir_p > tps.dpt:
            peringatan.append(f"L + P = {fmt.angka(lap.hadir_l + lap.hadir_p)} melebihi DPT {tps.label} "
                              f"({fmt.angka(tps.dpt)}); pastikan angkanya (pemilih DPTb/DPK ikut dihitung?).")
    elif lap.hadir_l is not None or lap.hadir_p is not None:
        raise LaporanDitolak("Jumlah pengguna hak pilih hanya diisi pada tahap pemungutan atau penghitungan selesai.")
    if lap.tahap == KEJADIAN and not lap.kategori:
        raise LaporanDitolak("Pilih kategori kejadian.")
    if lap.kategori is not None and lap.kategori not in kategori():
        raise LaporanDitolak("Kategori kejadian tidak dikenal.")
    if lap.uraian and len(lap.uraian) > URAIAN_MAKS:
        raise LaporanDitolak(f"Uraian kejadian terlalu panjang (maksimal {fmt.angka(URAIAN_MAKS)} huruf).")
    if lap.uraian and not lap.kategori:
        raise LaporanDitolak("Pilih kategori untuk kejadian yang diuraikan.")
    return tps, peringatan


# --------------------------------------------------------------------------- writing (one thread)
ISI_SAMA_DALAM = dt.timedelta(minutes=15)


def _kunci_isi(election, kode_desa, no_tps, tahap, kategori, uraian) -> tuple:
    """What a report is compared with: the report in force for its TPS and stage; an incident-only
    report with the same incident at that TPS."""
    base = (election, kode_desa, str(no_tps), tahap)
    return base + ((kategori, uraian or None) if tahap == KEJADIAN else ())


def _json(rincian: dict | None) -> str | None:
    return None if rincian is None else json.dumps(rincian, ensure_ascii=False, default=str, sort_keys=True)


class _Transaksi:
    """The writes of one group commit, gathered in memory and inserted together at its end.

    The writer thread is the only writer of the file, so it keeps in memory what each report
    needs to know (which submission ids exist, the report in force per TPS and stage, the next
    numbers) instead of asking the database per report; they are taken over only when the
    transaction committed, and a failed transaction leaves them as they were."""

    def __init__(self, w: "Layanan"):
        self.w = w
        self.laporan: list[tuple] = []
        self.jejak_rows: list[tuple] = []
        self.kirim: dict[str, tuple] = {}
        self.terkini: dict[tuple, int] = {}
        self.isi: dict[tuple, tuple] = {}

    def jejak(self, pelaku: akses.Pengguna, aksi: str, objek: str | None, rincian: dict | None = None) -> None:
        nomor = self.w._jejak_nomor + len(self.jejak_rows) + 1
        self.jejak_rows.append((nomor, dt.datetime.now(), pelaku.nama, pelaku.peran, aksi, objek, _json(rincian)))

    def simpan(self, lap: Laporan, tps: Tps, pelaku: akses.Pengguna, sumber: str, peringatan=()) -> Hasil:
        found = self.kirim.get(lap.kirim_id) or self.w._kirim.get(lap.kirim_id)
        if found:
            self.jejak(pelaku, "kirim_ulang", tps.label, {"seq": found[0], "kirim_id": lap.kirim_id})
            return Hasil("ganda", found[0], found[1])
        # A second line of defence for a form whose id was lost with its session (the phone
        # reconnected into a new one): the very same content from the same reporter as the report in
        # force for this TPS and stage (or the same incident), received minutes ago, is that report.
        # Only for a named reporter: in local mode nobody is identified (every browser is "lokal"), so
        # two browsers sending the same content are two people, and each report is kept.
        kunci_isi = _kunci_isi(lap.election, tps.kode_desa, tps.no_tps, lap.tahap, lap.kategori, lap.uraian)
        isi = (pelaku.nama, lap.hadir_l, lap.hadir_p, lap.kategori, lap.uraian or None)
        now = dt.datetime.now()
        same = None if pelaku.lokal else (self.isi.get(kunci_isi) or self.w._isi.get(kunci_isi))
        if same and same[0] == isi and now - same[2] <= ISI_SAMA_DALAM:
            self.jejak(pelaku, "kirim_ulang", tps.label, {"seq": same[1], "kirim_id": lap.kirim_id, "isi_sama": True})
            return Hasil("ganda", same[1], same[2])
        key = (lap.election, tps.kode_desa, tps.no_tps, lap.tahap)
        sebelum = (self.terkini.get(key) or self.w._terkini.get(key)) if lap.tahap in TAHAP else None
        seq = self.w._seq + len(self.laporan) + 1
        self.isi[kunci_isi] = (isi, seq, now)
        self.laporan.append((seq, lap.kirim_id, now, lap.election, tps.kode_kecamatan, tps.kode_desa, tps.no_tps,
                             lap.tahap, lap.waktu, lap.hadir_l, lap.hadir_p, lap.kategori, lap.uraian or None,
                             pelaku.nama, pelaku.peran, sumber, sebelum))
        self.kirim[lap.kirim_id] = (seq, now)
        if lap.tahap in TAHAP:
            self.terkini[key] = seq
        self.jejak(pelaku, "koreksi" if sebelum else "lapor", tps.label,
                   {"seq": seq, "tahap": lap.tahap, "menggantikan": sebelum, "sumber": sumber})
        return Hasil("baru", seq, now, sebelum, tuple(peringatan))

    def tulis(self, cur) -> None:
        for sql, rows in (("insert into laporan values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           self.laporan),
                          ("insert into jejak_lapor values (?, ?, ?, ?, ?, ?, ?)", self.jejak_rows)):
            if len(rows) == 1:
                cur.execute(sql, rows[0])
            elif rows:
                cur.executemany(sql, rows)

    def ambil_alih(self) -> None:
        """After the commit: what this transaction wrote is now what the writer knows."""
        self.w._kirim.update(self.kirim)
        self.w._terkini.update(self.terkini)
        self.w._isi.update(self.isi)
        self.w._seq += len(self.laporan)
        self.w._jejak_nomor += len(self.jejak_rows)


class Layanan:
    """The reports database of one main database: one connection, one writer thread, cursors for
    readers. Keep one per process (the app: st.cache_resource)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        privacy.private_dir(self.path.parent)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            raise LaporanDitolak("Berkas laporan sedang dipakai proses lain (server dasbor lain?); "
                                 "laporan hanya dapat diterima oleh satu server.") from exc
        # Private to the service's user (its WAL, made later by DuckDB, follows the server's umask 077).
        privacy.make_private(self.path)
        self._con.execute(SCHEMA)
        # What the single writer needs to know per report, loaded once (see _Transaksi).
        self._kirim = {k: (q, d) for k, q, d in self._con.execute(
            "select kirim_id, seq, diterima from laporan").fetchall()}
        self._terkini = {(e, d, t, h): q for e, d, t, h, q in self._con.execute(
            "select election_id, kode_desa, no_tps, tahap, max(seq) from laporan where tahap <> 'kejadian' "
            "group by all").fetchall()}
        self._isi = {}
        for e, d, t, h, kat, ur, pel, hl, hp, q, dit in self._con.execute(
                "select election_id, kode_desa, no_tps, tahap, kategori, uraian, pelapor, hadir_l, hadir_p, seq, "
                "diterima from laporan order by seq").fetchall():
            self._isi[_kunci_isi(e, d, t, h, kat, ur)] = ((pel, hl, hp, kat, ur), q, dit)
        self._seq = self._con.execute("select coalesce(max(seq), 0) from laporan").fetchone()[0]
        self._jejak_nomor = self._con.execute("select coalesce(max(nomor), 0) from jejak_lapor").fetchone()[0]
        self._cursor_lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._writer = self._con.cursor()
        self.transaksi = 0        # committed transactions (group commits)
        self.operasi = 0          # operations committed
        self._thread = threading.Thread(target=self._loop, name=f"lapor-penulis-{self.path.name}", daemon=True)
        self._thread.start()

    # ----------------------------------------------------------------- the writer thread
    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch, stop = [item], False
            while len(batch) < BATCH_MAKS:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            self._commit(batch)
            if stop:
                return

    def _run(self, batch) -> list:
        cur = self._writer
        tx = _Transaksi(self)
        cur.execute("begin transaction")
        try:
            results = [op(cur, tx) for op, _ in batch]
            tx.tulis(cur)
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
        tx.ambil_alih()
        self.transaksi += 1
        self.operasi += len(batch)
        return results

    def _commit(self, batch) -> None:
        live = [(op, fut) for op, fut in batch if fut.set_running_or_notify_cancel()]
        if not live:
            return
        try:
            results = self._run(live)
        except Exception:
            # One bad operation must not take the others down: each alone, its own answer.
            for op, fut in live:
                try:
                    fut.set_result(self._run([(op, fut)])[0])
                except Exception as exc:  # noqa: BLE001 - handed to the waiting submitter
                    fut.set_exception(exc)
            return
        for (_, fut), result in zip(live, results):
            fut.set_result(result)

    def _submit(self, op, timeout: float) -> object:
        if not self._thread.is_alive():
            raise BelumTersimpan("Penerima laporan berhenti; muat ulang halaman lalu kirim lagi.")
        fut: Future = Future()
        self._queue.put((op, fut))
        try:
            return fut.result(timeout=timeout)
        except FutureTimeout:
            raise BelumTersimpan("Server sedang sibuk; laporan belum pasti tersimpan. Tekan Kirim lagi — "
                                 "laporan yang sama tidak akan tercatat dua kali.") from None

    # ----------------------------------------------------------------- what pages call
    def kirim(self, pengguna: akses.Pengguna | None, lap: Laporan, daftar: DaftarTps, *, sumber: str = "formulir",
              timeout: float = TUNGGU_DETIK) -> Hasil:
        """Check (area, TPS, numbers) and store one report; returns after its commit."""
        try:
            tps, peringatan = periksa(pengguna, lap, daftar)
        except LaporanDitolak as exc:
            alasan = str(exc)
            if pengguna is not None:  # a refusal (a forged TPS outside the area, …) is on record too
                self._submit(lambda cur, tx: tx.jejak(pengguna, "ditolak", f"TPS {lap.no_tps} {lap.kode_desa}",
                                                      {"alasan": alasan, "kirim_id": lap.kirim_id}), timeout)
            raise
        return self._submit(lambda cur, tx: tx.simpan(lap, tps, pengguna, sumber, peringatan), timeout)

    def unggah(self, pengguna: akses.Pengguna | None, berkas: "BerkasLapor", daftar: DaftarTps,
               timeout: float = 120.0) -> "BerkasLapor":
        """Store every report of a parsed Excel file in one transaction, or none. The same file
        again changes nothing (its sha256 is remembered, and every row's kirim_id names file and row)."""
        akses.wajib(pengguna, "unggah")
        if berkas.galat:
            return berkas
        checked = []
        for baris, lap in berkas.laporan:
            try:
                checked.append((lap, *periksa(pengguna, lap, daftar)))
            except LaporanDitolak as exc:
                berkas.tambah(baris, str(exc))
        if berkas.galat:
            return berkas

        def op(cur, tx):
            sudah = cur.execute("select waktu, oleh from unggahan_lapor where sha256 = $s and election_id = $e",
                                {"s": berkas.sha256, "e": daftar.election}).fetchone()
            if sudah:
                return ("sama", sudah)
            hasil = [tx.simpan(lap, tps, pengguna, f"excel: {berkas.file_name}", w) for lap, tps, w in checked]
            cur.execute("insert into unggahan_lapor values ($s, $e, $f, $n, $o, $w)",
                        {"s": berkas.sha256, "e": daftar.election, "f": berkas.file_name, "n": len(checked),
                         "o": pengguna.nama, "w": dt.datetime.now()})
            tx.jejak(pengguna, "unggah", berkas.file_name,
                   {"sha256": berkas.sha256, "baris": len(checked),
                    "baru": sum(h.status == "baru" for h in hasil),
                    "koreksi": sum(h.menggantikan is not None for h in hasil)})
            return ("baru", hasil)

        status, detail = self._submit(op, timeout)
        if status == "sama":
            berkas.sama_dengan = detail
        else:
            berkas.hasil = detail
        return berkas

    def selesaikan(self, pengguna: akses.Pengguna | None, seq: int, catatan: str | None = None,
                   timeout: float = TUNGGU_DETIK) -> bool:
        """Mark an incident as handled (analis/admin); False when it already was."""
        akses.wajib(pengguna, "masalah")

        def op(cur, tx):
            if cur.execute("select 1 from kejadian_selesai where seq = $s", {"s": seq}).fetchone():
                return False
            row = cur.execute("select kode_kecamatan, kode_desa, no_tps from laporan where seq = $s and kategori "
                              "is not null", {"s": seq}).fetchone()
            if row is None:
                raise LaporanDitolak(f"Kejadian nomor {seq} tidak ada.")
            cur.execute("insert into kejadian_selesai values ($s, $w, $o, $p, $c)",
                        {"s": seq, "w": dt.datetime.now(), "o": pengguna.nama, "p": pengguna.peran,
                         "c": catatan or None})
            tx.jejak(pengguna, "kejadian_selesai", f"TPS {row[2]} {row[1]}", {"seq": seq, "catatan": catatan})
            return True

        return self._submit(op, timeout)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._cursor_lock:
            return self._con.cursor()

    def versi(self) -> tuple:
        """Changes with every committed report or closed incident (a cache key)."""
        cur = self.cursor()
        try:
            return cur.execute("select (select coalesce(max(seq), 0) from laporan), "
                               "(select count(*) from kejadian_selesai), "
                               "(select coalesce(max(nomor), 0) from jejak_lapor)").fetchone()
        finally:
            cur.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)
        self._writer.close()
        self._con.close()


def baca_saja(path: Path | str) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection for another process (the CLI), or None when the file does not exist
    or the server holds it (then the caller says so)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None


# --------------------------------------------------------------------------- reading
def riwayat(cur, election: str, kode_desa: str, no_tps: str) -> pd.DataFrame:
    """Every report of one TPS, newest first (queries/lapor/riwayat.sql)."""
    return db.run(cur, "lapor/riwayat", election=election, kode_desa=kode_desa, no_tps=str(no_tps))


def jejak(cur, batas: int = 500) -> pd.DataFrame:
    return db.run(cur, "lapor/jejak", batas=batas)


def _kosong(df: pd.DataFrame) -> bool:
    return df is None or df.empty


def ringkasan(cur, daftar: DaftarTps, kec: pd.DataFrame, tahap: str = "logistik_tiba") -> dict:
    """Everything the Hari Pemungutan page and the slide show, for one election:

    - `tps`: every TPS of the active list with its latest report per stage and the number of
      voters who came (from its latest pemungutan/penghitungan report);
    - `kecamatan` (rows of `kec`, i.e. marts/partisipasi): TPS reported per stage (x of N), voters
      who came at the TPS that reported them, their DPT, the turnout so far, its distance to the
      target and to the previous election, the projection for the whole kecamatan, open incidents;
    - `korwil` and `kabupaten`: the same summed;
    - `belum`: the TPS without a report for `tahap` (for follow-up by phone);
    - `kejadian`: incidents (open ones first).
    """
    e = daftar.election
    terkini = db.run(cur, "lapor/terkini", election=e)
    hadir = db.run(cur, "lapor/hadir", election=e)
    kejadian = db.run(cur, "lapor/kejadian", election=e)
    tps = daftar.frame.copy()
    key = ["kode_desa", "no_tps"]
    for t in TAHAP:
        rows = terkini[terkini["tahap"] == t][key + ["waktu"]].rename(columns={"waktu": f"waktu_{t}"})
        tps = tps.merge(rows, on=key, how="left")
        tps[f"lapor_{t}"] = tps[f"waktu_{t}"].notna()
    tps = tps.merge(hadir[key + ["hadir_l", "hadir_p", "hadir"]], on=key, how="left")
    tps["ada_hadir"] = tps["hadir"].notna()
    tps["dpt_hadir"] = tps["dpt"].where(tps["ada_hadir"])
    terbuka = kejadian[kejadian["terbuka"]]
    buka = terbuka.groupby("kode_kecamatan").size().rename("kejadian_terbuka")

    sums = {f"lapor_{t}": "sum" for t in TAHAP}
    sums.update(tps=("no_tps", "size"), hadir=("hadir", "sum"), hadir_l=("hadir_l", "sum"),
                hadir_p=("hadir_p", "sum"), dpt_hadir=("dpt_hadir", "sum"), tps_hadir=("ada_hadir", "sum"),
                dpt_tps=("dpt", "sum"))
    per_kec = tps.groupby("kode_kecamatan").agg(**{k: (k, v) if isinstance(v, str) else v for k, v in sums.items()})
    base = kec[["kode_kecamatan", "kecamatan", "korwil", "dpt", "target_partisipasi", "partisipasi_sebelumnya"]]
    out = base.merge(per_kec.reset_index(), on="kode_kecamatan", how="left").merge(
        buka.reset_index(), on="kode_kecamatan", how="left")
    counts = ["tps", "hadir", "hadir_l", "hadir_p", "dpt_hadir", "tps_hadir", "dpt_tps", "kejadian_terbuka"] + \
        [f"lapor_{t}" for t in TAHAP]
    out[counts] = out[counts].fillna(0).astype("int64")
    out = _turnout(out)

    def gabung(frame: pd.DataFrame) -> pd.DataFrame:
        g = frame.assign(_t=frame["target_partisipasi"] * frame["dpt"], _s=frame["partisipasi_sebelumnya"] * frame["dpt"],
                         _dt=frame["dpt"].where(frame["target_partisipasi"].notna()),
                         _ds=frame["dpt"].where(frame["partisipasi_sebelumnya"].notna()))
        s = g[counts + ["dpt", "_t", "_s", "_dt", "_ds"]].sum(min_count=1)
        return s

    kw_rows = []
    for nama, group in out.groupby(out["korwil"].fillna("Tanpa korwil"), sort=True):
        s = gabung(group)
        kw_rows.append({"korwil": nama, "kecamatan_n": len(group), **s.to_dict()})
    korwil = pd.DataFrame(kw_rows)
    kab = pd.DataFrame([{"korwil": "Kabupaten", "kecamatan_n": len(out), **gabung(out).to_dict()}])
    def bobot(frame: pd.DataFrame) -> pd.DataFrame:
        # Targets and previous turnout of a korwil or the kabupaten: weighted by DPT.
        frame = frame.assign(target_partisipasi=frame["_t"] / frame["_dt"],
                             partisipasi_sebelumnya=frame["_s"] / frame["_ds"])
        return _turnout(frame.drop(columns=["_t", "_s", "_dt", "_ds"]))

    korwil = bobot(korwil) if not korwil.empty else korwil
    kab = bobot(kab)

    belum = tps[~tps[f"lapor_{tahap}"]].copy()
    belum["tahap_terakhir"] = [_terakhir(r) for r in belum.to_dict("records")]
    belum["tindak_lanjut"] = [f"Hubungi PPK Kec. {k} / PPS Desa {d}" for k, d in zip(belum["kecamatan"], belum["desa"])]
    belum = belum.merge(kec[["kode_kecamatan", "korwil"]], on="kode_kecamatan", how="left")
    kejadian = kejadian.merge(daftar.frame[["kode_desa", "no_tps", "kecamatan", "desa"]], on=key, how="left")
    kejadian["kategori_label"] = kejadian["kategori"].map(kategori()).fillna(kejadian["kategori"])
    return {"tps": tps, "kecamatan": out, "korwil": korwil, "kabupaten": kab.iloc[0], "belum": belum,
            "kejadian": kejadian, "tahap": tahap, "laporan": int(len(terkini))}


def _turnout(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    dpt_hadir = frame["dpt_hadir"].astype("float64").where(frame["dpt_hadir"] > 0)
    rate = frame["hadir"] / dpt_hadir
    frame["partisipasi"] = (100.0 * rate).round(2)
    frame["selisih_target"] = (100.0 * rate - frame["target_partisipasi"]).round(2)
    frame["selisih_sebelumnya"] = (100.0 * rate - frame["partisipasi_sebelumnya"]).round(2)
    # If the TPS not yet reported turn out like those reported: voters expected in the whole area.
    frame["proyeksi_hadir"] = (rate * frame["dpt"]).round(0)
    frame["target_hadir"] = (frame["target_partisipasi"] / 100.0 * frame["dpt"]).round(0)
    return frame


def _terakhir(row: dict) -> str:
    done = [label for t, label in TAHAP.items() if row.get(f"lapor_{t}")]
    return done[-1] if done else "Belum ada laporan"


def tahap_berjalan(ringkas: dict | None = None, tps: pd.DataFrame | None = None) -> str:
    """The stage being chased: the furthest stage any TPS has reported (logistik tiba at first)."""
    frame = tps if tps is not None else ringkas["tps"]
    current = "logistik_tiba"
    for t in TAHAP:
        if frame[f"lapor_{t}"].any():
            current = t
    return current


def ada_laporan(cur, election: str) -> bool:
    return cur.execute("select count(*) from laporan where election_id = $e", {"e": election}).fetchone()[0] > 0


# --------------------------------------------------------------------------- Excel (paper reports)
@dataclass
class BerkasLapor:
    """A parsed Excel file of reports: rows as Laporan with their Excel row, or errors naming file,
    sheet, row and column (then nothing is stored)."""
    file_name: str
    sha256: str
    laporan: list[tuple[str, Laporan]] = field(default_factory=list)   # (where: "sheet 'X', baris N", report)
    masalah: list[str] = field(default_factory=list)
    hasil: list[Hasil] | None = None
    sama_dengan: tuple | None = None

    @property
    def galat(self) -> list[str]:
        return self.masalah

    def tambah(self, tempat: str | None, pesan: str) -> None:
        self.masalah.append(f"{self.file_name}, {tempat}: {pesan}" if tempat else f"{self.file_name}: {pesan}")


_TAHAP_TEKS = {re.sub(r"[^a-z]", "", v.lower()): k for k, v in JENIS.items()}
_TAHAP_TEKS.update({re.sub(r"[^a-z]", "", k): k for k in JENIS})
_TAHAP_TEKS.update({"logistik": "logistik_tiba", "dibuka": "tps_dibuka", "pembukaan": "tps_dibuka",
                    "pemungutan": "pemungutan_selesai", "penghitungan": "penghitungan_selesai",
                    "perhitungan": "penghitungan_selesai", "perhitunganselesai": "penghitungan_selesai",
                    "insiden": KEJADIAN})
_JAM = re.compile(r"^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$")


def _tahap_dari(teks_sel) -> str | None:
    return _TAHAP_TEKS.get(re.sub(r"[^a-z]", "", str(teks_sel).lower()))


def _kategori_dari(teks_sel) -> str | None:
    want = re.sub(r"[^a-z]", "", str(teks_sel).lower())
    for kode, label in kategori().items():
        if want in (re.sub(r"[^a-z]", "", kode.lower()), re.sub(r"[^a-z]", "", label.lower())):
            return kode
    return None


def _waktu_dari(value, hari: dt.date) -> dt.datetime | None:
    from ..parse import ParseError, parse_date
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.time):
        return dt.datetime.combine(hari, value)
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time of day without a date
        seconds = round(value * 86400)
        return dt.datetime.combine(hari, dt.time(seconds // 3600, seconds // 60 % 60))
    text = str(value).strip()
    parts = text.replace("T", " ").split()
    jam = _JAM.match(parts[-1]) if parts else None
    if jam is None:
        return None
    hh, mm = int(jam.group(1)), int(jam.group(2))
    if hh > 23 or mm > 59:
        return None
    tanggal = hari
    if len(parts) > 1:
        try:
            tanggal = parse_date(" ".join(parts[:-1]))
        except ParseError:
            return None
        if tanggal is None:
            return None
    return dt.datetime.combine(tanggal, dt.time(hh, mm))


REQUIRED_FIELDS = {"kecamatan", "desa", "no_tps", "tahap", "waktu"}


def baca_excel(data: bytes, file_name: str, con_main: duckdb.DuckDBPyConnection, election: str) -> BerkasLapor:
    """Parse an Excel/CSV of paper reports (template: readiness.templates kind `lapor`) with the
    ingest machinery: header detection and synonyms (header_synonyms.csv, kind lapor), merged
    kecamatan cells, totals and example rows skipped, names matched to Kemendagri codes.
    Never raises for bad input."""
    from .. import ingest
    from ..workbook import Book, UnreadableFile
    berkas = BerkasLapor(file_name, ingest.file_sha256(data))
    hari = con_main.execute("select tanggal from elections where election_id = $e", {"e": election}).fetchone()
    hari = hari[0] if hari else dt.date.today()
    try:
        book = Book(data, file_name)
        sheets = [book.sheet(n) for n in book.sheet_names]
    except UnreadableFile as exc:
        berkas.tambah(None, str(exc))
        return berkas
    found = (ingest.find_layout(sheet, ("lapor",), required=REQUIRED_FIELDS) for sheet in sheets if not sheet.hidden)
    layouts = [lay for lay in found if lay is not None]
    if not layouts:
        berkas.tambah(None, "tidak ditemukan kolom laporan: KECAMATAN, DESA/KELURAHAN, NOMOR TPS, TAHAP dan "
                            "WAKTU; gunakan templat laporan TPS")
        return berkas
    gaz = ingest.load_gazetteer(con_main)
    result = ingest.FileResult(file_name=file_name, sha256=berkas.sha256)
    seen: dict[tuple, str] = {}
    for nomor_sheet, lay in enumerate(layouts, start=1):
        rows, _totals = ingest.read_rows(lay, result, gaz)
        for raw in rows:
            lap = _baca_baris(raw, ingest.RowReader(result, "lapor"), gaz, hari, election,
                              kirim_id=f"xlsx:{berkas.sha256[:24]}:{nomor_sheet}:{raw.row}")
            if lap is None:
                continue
            where = f"sheet '{raw.sheet}', baris {raw.row}"
            key = (lap.kode_desa, lap.no_tps, lap.tahap, lap.waktu)
            if lap.tahap == KEJADIAN:
                key += (lap.uraian,)
            if key in seen:
                result.add("galat", f"laporan yang sama sudah ada di {seen[key]}", raw.sheet, raw.row)
                continue
            seen[key] = where
            berkas.laporan.append((where, lap))
    berkas.masalah += [p.text() for p in result.errors]
    if not berkas.masalah and not berkas.laporan:
        berkas.tambah(None, "tidak ada baris laporan di bawah judul kolom")
    # Committed in the order things happened (file order on a tie): of two rows for the same TPS and
    # stage the later one is the correction and counts.
    berkas.laporan.sort(key=lambda item: item[1].waktu)
    return berkas


def _baca_baris(raw, reader, gaz, hari: dt.date, election: str, kirim_id: str) -> Laporan | None:
    """One row of a paper-report sheet as a report, or None with its problems recorded by `reader`."""
    from .. import ingest
    from ..parse import ParseError, is_blank, parse_count
    kode_kec = ingest.match_kecamatan(reader, raw, gaz)
    kode_desa = ingest.match_desa(reader, raw, gaz, kode_kec, required=True) if kode_kec else None
    no_tps = ingest.tps_number(reader.value(raw, "no_tps"))
    if no_tps is None:
        reader.error(raw, "no_tps", "nomor TPS kosong")
    tahap_sel = raw.cells.get("tahap")
    tahap = None if is_blank(tahap_sel) else _tahap_dari(tahap_sel)
    if tahap is None:
        reader.error(raw, "tahap", f"tahap '{'' if is_blank(tahap_sel) else tahap_sel}' tidak dikenal; isi "
                     "salah satu: " + ", ".join(JENIS.values()))
    waktu_sel = raw.cells.get("waktu")
    waktu = None if is_blank(waktu_sel) else _waktu_dari(waktu_sel, hari)
    if waktu is None:
        reader.error(raw, "waktu", f"waktu '{'' if is_blank(waktu_sel) else waktu_sel}' tidak terbaca; tulis "
                     "jam seperti 07.30 atau tanggal dan jam 27-11-2024 07.30")
    hadir = {}
    for fld in ("hadir_l", "hadir_p"):
        try:
            hadir[fld] = parse_count(raw.cells.get(fld))
        except ParseError as exc:
            reader.error(raw, fld, str(exc))
            hadir[fld] = None
    kat_sel = raw.cells.get("kategori")
    kat = None if is_blank(kat_sel) else _kategori_dari(kat_sel)
    if not is_blank(kat_sel) and kat is None:
        reader.error(raw, "kategori", f"kategori '{kat_sel}' tidak dikenal; isi salah satu: "
                     + ", ".join(kategori().values()))
    uraian = reader.value(raw, "uraian")
    if tahap in TAHAP_HADIR and (hadir["hadir_l"] is None or hadir["hadir_p"] is None) and reader.ok:
        reader.error(raw, "hadir_l", "tahap ini wajib mengisi pengguna hak pilih L dan P")
    if not reader.ok:
        return None
    if tahap not in TAHAP_HADIR:
        hadir = {"hadir_l": None, "hadir_p": None}
    return Laporan(election, kode_desa, no_tps, tahap, waktu, hadir["hadir_l"], hadir["hadir_p"], kat,
                   uraian or None, kirim_id=kirim_id)


# --------------------------------------------------------------------------- the Lapor page's choices
def wilayah_teks(pengguna: akses.Pengguna, tps: pd.DataFrame) -> str:
    """The area a reporter reports for, in words: `Desa Ngadisari (Kecamatan Sukapura)`,
    `Kecamatan Sukapura`, `semua wilayah`; `tps` is DaftarTps.wilayah(pengguna)."""
    if not pengguna.wilayah:
        return "semua wilayah"
    if (tps["kode_desa"] == pengguna.wilayah).any():
        return f"Desa {tps['desa'].iloc[0]} (Kecamatan {tps['kecamatan'].iloc[0]})"
    if len(tps):
        return f"Kecamatan {tps['kecamatan'].iloc[0]}"
    return f"wilayah {pengguna.wilayah}"


def tautan_tps(kode_desa: str, no_tps: str) -> str:
    """A TPS as the Lapor page's URL names it (`?tps=35.13.01.2001-3`)."""
    return f"{kode_desa}-{no_tps}"


def tps_dari_tautan(tps: pd.DataFrame, tautan: str) -> tuple[str, str, str] | None:
    """(kode_kecamatan, kode_desa, no_tps) of the TPS a link names (`35.13.01.2001-3`), only when it
    is among `tps` (the user's area); None otherwise."""
    kode_desa, _, no_tps = (tautan or "").rpartition("-")
    cocok = tps[(tps["kode_desa"] == kode_desa) & (tps["no_tps"] == no_tps)] if tautan else tps.iloc[:0]
    if not len(cocok):
        return None
    return cocok["kode_kecamatan"].iloc[0], kode_desa, no_tps


def kirim_id(nama: str, election: str, kode_desa: str, no_tps: str, tahap: str, waktu_isi: dt.datetime | None,
             hadir_l, hadir_p, kategori: str | None, uraian: str | None, terakhir: str = "") -> str:
    """The submission id of a report form. The same form content sent again — a double tap, a retry
    after the answer was lost, the page reconnected after a network hiccup (a new server session) —
    gets the same id, so the server recognises it and stores it once; anything else gets a new id.
    `terakhir` is the id of the last form sent (the page keeps it in the session and in the URL,
    which survives a reconnect and a reload): it is reused while the content is the same, since an
    id ends with a hash of the content. `waktu_isi` is the time typed in the form (None: "now",
    which is not part of the form's identity)."""
    isi = repr((nama, election, kode_desa, no_tps, tahap, waktu_isi and waktu_isi.isoformat(), hadir_l, hadir_p,
                kategori, uraian))
    sidik = hashlib.sha256(isi.encode()).hexdigest()[:24]
    return terakhir if terakhir.endswith(f"-{sidik}") else f"f-{uuid.uuid4().hex[:16]}-{sidik}"
