"""The one writer of the reports' file (`Layanan`, one per process and database: `layanan(path)`,
shared by the dashboard's Lapor page and the phones' /lapangan/ path), and the transaction it
commits (`_Transaksi`).

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

Between commits the writer thread also answers another process's request for a consistent copy
of the file (a backup: salinan.py), since no other process can open the file while it is held.

Readers in the same process take cursors of the same DuckDB instance (`Layanan.cursor`) and see
committed data."""

from __future__ import annotations

import datetime as dt
import json
import queue
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import duckdb

from .. import akses, fmt, privacy
from . import salinan
from .excel import BerkasLapor
from .laporan import KEJADIAN, TAHAP, BelumTersimpan, HasilKirim, Laporan, LaporanDitolak
from .store import SCHEMA, lapor_path
from .tps import DaftarTps, Tps, periksa

BATCH_MAKS = 256  # reports committed together at most
TUNGGU_DETIK = 30.0  # how long a submitter waits for its commit
ISI_SAMA_DALAM = dt.timedelta(minutes=15)
_DIAM = object()  # nothing arrived on the queue for a while
SIBUK = (
    "Server sedang sibuk; laporan belum pasti tersimpan. Tekan Kirim lagi — "
    "laporan yang sama tidak akan tercatat dua kali."
)


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

    def __init__(self, w: Layanan):
        self.w = w
        self.laporan: list[tuple] = []
        self.jejak_rows: list[tuple] = []
        self.kirim: dict[str, tuple] = {}
        self.terkini: dict[tuple, int] = {}
        self.isi: dict[tuple, tuple] = {}

    def jejak(self, pelaku: akses.Pengguna, aksi: str, objek: str | None, rincian: dict | None = None) -> None:
        nomor = self.w._jejak_nomor + len(self.jejak_rows) + 1
        self.jejak_rows.append((nomor, dt.datetime.now(), pelaku.nama, pelaku.peran, aksi, objek, _json(rincian)))

    def simpan(self, lap: Laporan, tps: Tps, pelaku: akses.Pengguna, sumber: str, peringatan=()) -> HasilKirim:
        found = self.kirim.get(lap.kirim_id) or self.w._kirim.get(lap.kirim_id)
        if found:
            self.jejak(pelaku, "kirim_ulang", tps.label, {"seq": found[0], "kirim_id": lap.kirim_id})
            return HasilKirim("ganda", found[0], found[1])
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
            return HasilKirim("ganda", same[1], same[2])
        key = (lap.election, tps.kode_desa, tps.no_tps, lap.tahap)
        sebelum = (self.terkini.get(key) or self.w._terkini.get(key)) if lap.tahap in TAHAP else None
        seq = self.w._seq + len(self.laporan) + 1
        self.isi[kunci_isi] = (isi, seq, now)
        self.laporan.append(
            (
                seq,
                lap.kirim_id,
                now,
                lap.election,
                tps.kode_kecamatan,
                tps.kode_desa,
                tps.no_tps,
                lap.tahap,
                lap.waktu,
                lap.hadir_l,
                lap.hadir_p,
                lap.kategori,
                lap.uraian or None,
                pelaku.nama,
                pelaku.peran,
                sumber,
                sebelum,
            )
        )
        self.kirim[lap.kirim_id] = (seq, now)
        if lap.tahap in TAHAP:
            self.terkini[key] = seq
        self.jejak(
            pelaku,
            "koreksi" if sebelum else "lapor",
            tps.label,
            {"seq": seq, "tahap": lap.tahap, "menggantikan": sebelum, "sumber": sumber},
        )
        return HasilKirim("baru", seq, now, sebelum, tuple(peringatan))

    def tulis(self, cur) -> None:
        for sql, rows in (
            ("insert into laporan values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.laporan),
            ("insert into jejak_lapor values (?, ?, ?, ?, ?, ?, ?)", self.jejak_rows),
        ):
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


def _tunggu(fut: Future, timeout: float) -> object:
    """The answer of a queued operation after its commit; a writer that does not answer within
    `timeout` is "busy" to the sender, who sends again with the same id."""
    try:
        return fut.result(timeout=timeout)
    except FutureTimeout:
        raise BelumTersimpan(SIBUK) from None


class Layanan:
    """The reports database of one main database: one connection, one writer thread, cursors for
    readers. Keep one per process: `layanan(main_path)` hands out the process's one."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        privacy.private_dir(self.path.parent)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            raise LaporanDitolak(
                "Berkas laporan sedang dipakai proses lain (server dasbor lain?); "
                "laporan hanya dapat diterima oleh satu server."
            ) from exc
        # Private to the service's user (its WAL, made later by DuckDB, follows the server's umask 077).
        privacy.make_private(self.path)
        self._con.execute(SCHEMA)
        # What the single writer needs to know per report, loaded once (see _Transaksi).
        self._kirim = {
            k: (q, d) for k, q, d in self._con.execute("select kirim_id, seq, diterima from laporan").fetchall()
        }
        self._terkini = {
            (e, d, t, h): q
            for e, d, t, h, q in self._con.execute(
                "select election_id, kode_desa, no_tps, tahap, max(seq) from laporan where tahap <> 'kejadian' "
                "group by all"
            ).fetchall()
        }
        self._isi = {}
        for e, d, t, h, kat, ur, pel, hl, hp, q, dit in self._con.execute(
            "select election_id, kode_desa, no_tps, tahap, kategori, uraian, pelapor, hadir_l, hadir_p, seq, "
            "diterima from laporan order by seq"
        ).fetchall():
            self._isi[_kunci_isi(e, d, t, h, kat, ur)] = ((pel, hl, hp, kat, ur), q, dit)
        self._seq = self._con.execute("select coalesce(max(seq), 0) from laporan").fetchone()[0]
        self._jejak_nomor = self._con.execute("select coalesce(max(nomor), 0) from jejak_lapor").fetchone()[0]
        self._cursor_lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._writer = self._con.cursor()
        self.transaksi = 0  # committed transactions (group commits)
        self.operasi = 0  # operations committed
        self._thread = threading.Thread(target=self._loop, name=f"lapor-penulis-{self.path.name}", daemon=True)
        self._thread.start()

    # ----------------------------------------------------------------- the writer thread
    def _loop(self) -> None:
        # Between commits, the writer also answers requests for a copy of the file (salinan.py).
        periksa = 0.0
        while True:
            try:
                item = self._queue.get(timeout=salinan.PERIKSA_DETIK)
            except queue.Empty:
                item = _DIAM
            if time.monotonic() >= periksa:
                salinan.layani(self._writer, self.path)
                periksa = time.monotonic() + salinan.PERIKSA_DETIK
            if item is _DIAM:
                continue
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

    def _antre(self, op) -> Future:
        if not self._thread.is_alive():
            raise BelumTersimpan("Penerima laporan berhenti; muat ulang halaman lalu kirim lagi.")
        fut: Future = Future()
        self._queue.put((op, fut))
        return fut

    def _submit(self, op, timeout: float) -> object:
        return _tunggu(self._antre(op), timeout)

    # ----------------------------------------------------------------- what pages call
    def kirim(
        self,
        pengguna: akses.Pengguna | None,
        lap: Laporan,
        daftar: DaftarTps,
        *,
        sumber: str = "formulir",
        timeout: float = TUNGGU_DETIK,
    ) -> HasilKirim:
        """Check (area, TPS, numbers) and store one report; returns after its commit."""
        return _tunggu(self.kirim_nanti(pengguna, lap, daftar, sumber=sumber, timeout=timeout), timeout)

    def kirim_nanti(
        self,
        pengguna: akses.Pengguna | None,
        lap: Laporan,
        daftar: DaftarTps,
        *,
        sumber: str = "formulir",
        timeout: float = TUNGGU_DETIK,
    ) -> Future:
        """Check one report now (raises LaporanDitolak) and queue it; the Future is answered with
        its HasilKirim after the commit. For a caller that waits without holding a thread (an
        asyncio server: `asyncio.wrap_future`)."""
        try:
            tps, peringatan = periksa(pengguna, lap, daftar)
        except LaporanDitolak as exc:
            alasan = str(exc)
            if pengguna is not None:  # a refusal (a forged TPS outside the area, …) is on record too
                self._submit(
                    lambda cur, tx: tx.jejak(
                        pengguna,
                        "ditolak",
                        f"TPS {lap.no_tps} {lap.kode_desa}",
                        {"alasan": alasan, "kirim_id": lap.kirim_id},
                    ),
                    timeout,
                )
            raise
        return self._antre(lambda cur, tx: tx.simpan(lap, tps, pengguna, sumber, peringatan))

    def unggah(
        self, pengguna: akses.Pengguna | None, berkas: BerkasLapor, daftar: DaftarTps, timeout: float = 120.0
    ) -> BerkasLapor:
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
            sudah = cur.execute(
                "select waktu, oleh from unggahan_lapor where sha256 = $s and election_id = $e",
                {"s": berkas.sha256, "e": daftar.election},
            ).fetchone()
            if sudah:
                return ("sama", sudah)
            hasil = [tx.simpan(lap, tps, pengguna, f"excel: {berkas.file_name}", w) for lap, tps, w in checked]
            cur.execute(
                "insert into unggahan_lapor values ($s, $e, $f, $n, $o, $w)",
                {
                    "s": berkas.sha256,
                    "e": daftar.election,
                    "f": berkas.file_name,
                    "n": len(checked),
                    "o": pengguna.nama,
                    "w": dt.datetime.now(),
                },
            )
            tx.jejak(
                pengguna,
                "unggah",
                berkas.file_name,
                {
                    "sha256": berkas.sha256,
                    "baris": len(checked),
                    "baru": sum(h.status == "baru" for h in hasil),
                    "koreksi": sum(h.menggantikan is not None for h in hasil),
                },
            )
            return ("baru", hasil)

        status, detail = self._submit(op, timeout)
        if status == "sama":
            berkas.sama_dengan = detail
        else:
            berkas.hasil = detail
        return berkas

    def selesaikan(
        self, pengguna: akses.Pengguna | None, seq: int, catatan: str | None = None, timeout: float = TUNGGU_DETIK
    ) -> bool:
        """Mark an incident as handled (analis/admin); False when it already was."""
        akses.wajib(pengguna, "masalah")

        def op(cur, tx):
            if cur.execute("select 1 from kejadian_selesai where seq = $s", {"s": seq}).fetchone():
                return False
            row = cur.execute(
                "select kode_kecamatan, kode_desa, no_tps from laporan where seq = $s and kategori is not null",
                {"s": seq},
            ).fetchone()
            if row is None:
                raise LaporanDitolak(f"Kejadian nomor {fmt.angka(seq)} tidak ada.")
            cur.execute(
                "insert into kejadian_selesai values ($s, $w, $o, $p, $c)",
                {"s": seq, "w": dt.datetime.now(), "o": pengguna.nama, "p": pengguna.peran, "c": catatan or None},
            )
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
            return cur.execute(
                "select (select coalesce(max(seq), 0) from laporan), "
                "(select count(*) from kejadian_selesai), "
                "(select coalesce(max(nomor), 0) from jejak_lapor)"
            ).fetchone()
        finally:
            cur.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)
        self._writer.close()
        self._con.close()


_REGISTER: dict[Path, Layanan] = {}
_REGISTER_LOCK = threading.Lock()


def layanan(main_path: Path | str) -> Layanan:
    """The one Layanan of this process for the reports beside the main database `main_path`
    (store.lapor_path), opened on first use. Every caller in the process (the Streamlit pages, the
    /lapangan/ routes) gets the same instance, so one writer thread owns the file."""
    path = lapor_path(main_path).resolve()
    with _REGISTER_LOCK:
        found = _REGISTER.get(path)
        if found is None or not found._thread.is_alive():
            found = _REGISTER[path] = Layanan(path)
        return found
