"""readiness.lapor.writer: the report lifecycle, corrections that supersede without overwriting, resubmitted
forms recognised, many threads at once, readers while reports are committed, incidents handled."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from readiness import akses, lapor
from tests.lapor import ADMIN, ANALIS, NGADISARI, PAGI, SUKAPURA, WONOTORO, E, baris, kirim, ringkas


def test_a_tps_reports_every_stage_and_the_kecamatan_counts_it(ctx):
    for i, tahap in enumerate(lapor.TAHAP):
        hadir = {"hadir_l": 150, "hadir_p": 160} if tahap in lapor.TAHAP_HADIR else {}
        hasil = kirim(ctx, NGADISARI, 1, tahap, waktu=PAGI + dt.timedelta(hours=3 * i), **hadir)
        assert hasil.status == "baru" and hasil.menggantikan is None
        assert hasil.pesan.startswith(f"Terkirim #{hasil.seq} pukul ")
    r = ringkas(ctx, "tps_dibuka")
    suk = baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)
    n_tps = int((ctx["daftar"].frame["kode_kecamatan"] == SUKAPURA).sum())
    assert suk["tps"] == n_tps
    assert [suk[f"lapor_{t}"] for t in lapor.TAHAP] == [1, 1, 1, 1]
    assert suk["hadir"] == 310 and suk["dpt_hadir"] == 470
    # The follow-up list has every TPS of the kabupaten but this one.
    assert len(r["belum"]) == 1739 - 1
    assert not ((r["belum"]["kode_desa"] == NGADISARI) & (r["belum"]["no_tps"] == "1")).any()
    hist = lapor.riwayat(ctx["layanan"].cursor(), E, NGADISARI, "1")
    assert list(hist["tahap"]) == list(reversed(list(lapor.TAHAP)))
    assert hist["berlaku"].all()


def test_a_correction_supersedes_and_the_history_keeps_both(ctx):
    first = kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=100, hadir_p=120)
    fix = kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=110, hadir_p=120, waktu=PAGI + dt.timedelta(hours=6))
    assert fix.status == "baru" and fix.menggantikan == first.seq and fix.seq > first.seq
    assert "menggantikan laporan #" in fix.pesan
    hist = lapor.riwayat(ctx["layanan"].cursor(), E, NGADISARI, "2")
    assert list(hist["seq"]) == [fix.seq, first.seq]
    assert list(hist["hadir"]) == [230, 220]
    assert list(hist["berlaku"]) == [True, False]
    suk = baris(ringkas(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["lapor_pemungutan_selesai"] == 1  # one TPS, not two reports
    assert suk["hadir"] == 230  # the correction counts, not the sum
    # The audit trail of reports says which was a correction.
    trail = lapor.jejak(ctx["layanan"].cursor())
    assert list(trail["aksi"][:2]) == ["koreksi", "lapor"]
    assert set(trail["pelaku"][:2]) == {"admin1"}


def test_the_same_form_sent_twice_is_stored_once(ctx):
    lap = lapor.Laporan(E, NGADISARI, "3", "tps_dibuka", PAGI, kirim_id="form-0001-abcdef")
    first = ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"])
    again = ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"])
    assert first.status == "baru" and again.status == "ganda"
    assert again.seq == first.seq and again.diterima == first.diterima
    assert (
        again.pesan == f"Terkirim #{first.seq} pukul {first.diterima:%H.%M.%S}; dikirim lagi, tidak dicatat dua kali."
    )
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 1
    assert "kirim_ulang" in set(lapor.jejak(cur)["aksi"])


def test_the_same_content_under_a_new_id_is_recognised_but_going_back_is_a_correction(ctx):
    # The phone reconnected into a new session and lost the form's id: same reporter, same content.
    first = kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=200, hadir_p=150, kirim_id="sesi-lama-000001")
    again = kirim(
        ctx,
        NGADISARI,
        3,
        "pemungutan_selesai",
        hadir_l=200,
        hadir_p=150,
        kirim_id="sesi-baru-000002",
        waktu=PAGI + dt.timedelta(minutes=1),
    )
    assert again.status == "ganda" and again.seq == first.seq
    fix = kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=201, hadir_p=150)
    back = kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=200, hadir_p=150)  # the first was right after all
    assert fix.status == back.status == "baru" and back.menggantikan == fix.seq
    # Another reporter sending the same figures is a report of its own.
    other = kirim(ctx, NGADISARI, 3, "pemungutan_selesai", pengguna=ANALIS, hadir_l=200, hadir_p=150)
    assert other.status == "baru"
    inc = kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang")
    assert kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang").seq == inc.seq
    assert kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Bilik rusak").status == "baru"
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 6


def test_in_local_mode_two_browsers_with_the_same_content_are_two_reports(ctx):
    # Nobody is identified in local mode: two browsers opening the same TPS are two people. Only the
    # same form id (the same browser sending again) is recognised.
    a = kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-a-000001")
    b = kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-b-000001")
    again = kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-b-000001")
    assert (a.status, b.status, again.status) == ("baru", "baru", "ganda")
    assert b.menggantikan == a.seq and again.seq == b.seq
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 2


def test_many_threads_at_once_all_kept_in_order_none_twice(ctx):
    tps = ctx["daftar"].frame.head(200)
    threads, per_thread, errors = 40, 5, []
    got: dict[int, list] = {}

    def worker(n):
        mine = []
        try:
            for k in range(per_thread):
                row = tps.iloc[n * per_thread + k]
                lap = lapor.Laporan(
                    E, row["kode_desa"], row["no_tps"], "logistik_tiba", PAGI, kirim_id=f"t{n:02d}-{k}-0123456789"
                )
                mine.append(ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"]))
                if k == 2:  # a network hiccup: the same form again
                    mine.append(ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"]))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        got[n] = mine

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=120)
    assert not errors
    new = [h for mine in got.values() for h in mine if h.status == "baru"]
    dup = [h for mine in got.values() for h in mine if h.status == "ganda"]
    assert len(new) == threads * per_thread and len(dup) == threads
    cur = ctx["layanan"].cursor()
    rows = cur.execute("select count(*), count(distinct seq), count(distinct kirim_id) from laporan").fetchone()
    assert rows == (200, 200, 200)
    for mine in got.values():  # each session's reports in the order it sent them
        seqs = [h.seq for h in mine if h.status == "baru"]
        assert seqs == sorted(seqs)
    assert baris(ringkas(ctx)["kabupaten"].to_frame().T, "korwil", "Kabupaten")["lapor_logistik_tiba"] == 200


def test_readers_never_fail_while_reports_are_committed(ctx):
    # Hari Pemungutan refreshing in several browsers while reporters send: the readers' cursors
    # share the writer's connection, which stays open for the life of the server.
    tps = ctx["daftar"].frame.head(60)
    stop = threading.Event()
    errors, views = [], []

    def watch():
        while not stop.is_set():
            try:
                ctx["layanan"].versi()
                cur = ctx["layanan"].cursor()
                try:
                    r = lapor.ringkasan(cur, ctx["daftar"], ctx["kec"], "logistik_tiba", kabupaten=ctx["kab"])
                finally:
                    cur.close()
                views.append(int(r["kabupaten"]["lapor_logistik_tiba"]))
            except Exception as exc:  # noqa: BLE001 - what the page would have shown
                errors.append(repr(exc))
                return

    def send(n):
        try:
            for k in range(10):
                row = tps.iloc[n * 10 + k]
                ctx["layanan"].kirim(
                    ADMIN,
                    lapor.Laporan(
                        E, row["kode_desa"], row["no_tps"], "logistik_tiba", PAGI, kirim_id=f"w{n}-{k}-0123456789"
                    ),
                    ctx["daftar"],
                )
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    watchers = [threading.Thread(target=watch) for _ in range(3)]
    senders = [threading.Thread(target=send, args=(n,)) for n in range(6)]
    for t in watchers + senders:
        t.start()
    for t in senders:
        t.join(timeout=120)
    stop.set()
    for t in watchers:
        t.join(timeout=60)
    assert errors == []
    assert views and all(0 <= v <= 60 for v in views)
    assert int(ringkas(ctx)["kabupaten"]["lapor_logistik_tiba"]) == 60


def test_incidents_stay_open_until_handled(ctx):
    kat = next(iter(lapor.kategori()))
    inc = kirim(ctx, NGADISARI, 1, lapor.KEJADIAN, kategori=kat, uraian="Surat suara kurang 10 lembar")
    kirim(ctx, NGADISARI, 2, "tps_dibuka", kategori=kat, uraian="<b>Hujan</b> deras, TPS dipindah")
    suk = baris(ringkas(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["kejadian_terbuka"] == 2
    with pytest.raises(akses.TidakBoleh):
        ctx["layanan"].selesaikan(akses.Pengguna("p", "pelapor", wilayah=SUKAPURA), inc.seq)
    assert ctx["layanan"].selesaikan(ANALIS, inc.seq, "surat suara cadangan dikirim") is True
    assert ctx["layanan"].selesaikan(ANALIS, inc.seq) is False
    r = ringkas(ctx)
    assert baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)["kejadian_terbuka"] == 1
    open_rows = r["kejadian"][r["kejadian"]["terbuka"]]
    assert list(open_rows["uraian"]) == ["<b>Hujan</b> deras, TPS dipindah"]


def test_closing_an_incident_that_does_not_exist_names_its_number_in_id_format(ctx):
    with pytest.raises(lapor.LaporanDitolak, match=r"^Kejadian nomor 12\.345 tidak ada\.$"):
        ctx["layanan"].selesaikan(ANALIS, 12345)
