"""Lapor cepat (readiness/lapor.py): the report lifecycle, corrections that supersede without overwriting,
turnout against hand-computed numbers, resubmitted forms, many threads at once, the area check and
the Excel kind for paper reports."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from readiness import akses, db, lapor, model, templates
from tests import xlsx

ROOT = Path(__file__).resolve().parent.parent
E = "pilkada-2024"
ADMIN = akses.Pengguna("admin1", "admin")
ANALIS = akses.Pengguna("analis1", "analis")
PIMPINAN = akses.Pengguna("bupati", "pimpinan")
SUKAPURA = "35.13.01"
NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
# DPT of these TPS in the sample TPS list (tps_pilkada2024.xlsx): Ngadisari 1 and 2: 470, Wonotoro 1: 479.
PAGI = dt.datetime(2024, 11, 27, 7, 0)


@pytest.fixture
def ctx(demo_db):
    con = db.open_read_only(demo_db)
    daftar = lapor.DaftarTps.dari_db(con, E)
    kec = model.partisipasi(con, E)
    layanan = lapor.Layanan(lapor.lapor_path(demo_db))
    yield {"con": con, "daftar": daftar, "kec": kec, "layanan": layanan, "path": lapor.lapor_path(demo_db)}
    layanan.close()
    con.close()


def _kirim(ctx, desa, tps, tahap, pengguna=ADMIN, **kw):
    lap = lapor.Laporan(E, desa, str(tps), tahap, kw.pop("waktu", PAGI), **kw)
    return ctx["layanan"].kirim(pengguna, lap, ctx["daftar"])


def _ringkasan(ctx, tahap="logistik_tiba"):
    cur = ctx["layanan"].cursor()
    return lapor.ringkasan(cur, ctx["daftar"], ctx["kec"], tahap)


def _baris(frame, col, value):
    rows = frame[frame[col] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_tps_list_is_the_active_list(ctx):
    assert len(ctx["daftar"]) == 1739
    assert ctx["daftar"].get(NGADISARI, "1").dpt == 470
    assert ctx["daftar"].get(WONOTORO, "1").dpt == 479


def test_a_tps_reports_every_stage_and_the_kecamatan_counts_it(ctx):
    for i, tahap in enumerate(lapor.TAHAP):
        hadir = {"hadir_l": 150, "hadir_p": 160} if tahap in lapor.TAHAP_HADIR else {}
        hasil = _kirim(ctx, NGADISARI, 1, tahap, waktu=PAGI + dt.timedelta(hours=3 * i), **hadir)
        assert hasil.status == "baru" and hasil.menggantikan is None
        assert hasil.pesan.startswith("Terkirim pukul ")
    r = _ringkasan(ctx, "tps_dibuka")
    suk = _baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)
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
    first = _kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=100, hadir_p=120)
    fix = _kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=110, hadir_p=120,
                 waktu=PAGI + dt.timedelta(hours=6))
    assert fix.status == "baru" and fix.menggantikan == first.seq and fix.seq > first.seq
    assert "menggantikan laporan nomor" in fix.pesan
    hist = lapor.riwayat(ctx["layanan"].cursor(), E, NGADISARI, "2")
    assert list(hist["seq"]) == [fix.seq, first.seq]
    assert list(hist["hadir"]) == [230, 220]
    assert list(hist["berlaku"]) == [True, False]
    suk = _baris(_ringkasan(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["lapor_pemungutan_selesai"] == 1          # one TPS, not two reports
    assert suk["hadir"] == 230                           # the correction counts, not the sum
    # The audit trail of reports says which was a correction.
    trail = lapor.jejak(ctx["layanan"].cursor())
    assert list(trail["aksi"][:2]) == ["koreksi", "lapor"]
    assert set(trail["pelaku"][:2]) == {"admin1"}


def test_turnout_against_hand_computed_numbers(ctx):
    _kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=200, hadir_p=150)
    _kirim(ctx, NGADISARI, 2, "penghitungan_selesai", hadir_l=180, hadir_p=170)
    _kirim(ctx, WONOTORO, 1, "pemungutan_selesai", hadir_l=100, hadir_p=100)
    # A later penghitungan report of the same TPS replaces the figure of its pemungutan report.
    _kirim(ctx, WONOTORO, 1, "penghitungan_selesai", hadir_l=101, hadir_p=99)
    # A TPS that only says it opened adds nothing to the turnout.
    _kirim(ctx, WONOTORO, 2, "tps_dibuka")
    sumber_tps = ctx["daftar"].frame[ctx["daftar"].frame["kode_kecamatan"] == "35.13.02"].iloc[0]
    _kirim(ctx, sumber_tps["kode_desa"], sumber_tps["no_tps"], "pemungutan_selesai", hadir_l=150, hadir_p=150)

    r = _ringkasan(ctx)
    suk = _baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)
    # Sukapura: 350 + 350 + 200 = 900 voters at TPS with 470 + 470 + 479 = 1.419 DPT.
    assert suk["hadir"] == 900 and suk["hadir_l"] == 481 and suk["hadir_p"] == 419
    assert suk["dpt_hadir"] == 1419 and suk["tps_hadir"] == 3
    assert suk["partisipasi"] == pytest.approx(63.42)            # 900 / 1.419 = 63,42%
    assert suk["target_partisipasi"] == 82.0 and suk["partisipasi_sebelumnya"] == 69.5
    assert suk["selisih_target"] == pytest.approx(-18.58)        # 63,42 − 82
    assert suk["selisih_sebelumnya"] == pytest.approx(-6.08)     # 63,42 − 69,5
    assert suk["proyeksi_hadir"] == round(900 / 1419 * 28355)    # 17.984 of Sukapura's 28.355 DPT
    # Korwil Wilayah I = Sukapura + Sumber: (900 + 300) / (1.419 + DPT of that Sumber TPS).
    kw = _baris(r["korwil"], "korwil", "Wilayah I")
    assert kw["hadir"] == 1200
    assert kw["partisipasi"] == pytest.approx(round(100 * 1200 / (1419 + int(sumber_tps["dpt"])), 2))
    assert r["kabupaten"]["hadir"] == 1200 and r["kabupaten"]["tps_hadir"] == 4
    # Kecamatan without reports have no turnout (missing, not 0%).
    leces = _baris(r["kecamatan"], "kode_kecamatan", "35.13.05")
    assert leces["hadir"] == 0 and leces["partisipasi"] != leces["partisipasi"]  # NaN


def test_the_same_form_sent_twice_is_stored_once(ctx):
    lap = lapor.Laporan(E, NGADISARI, "3", "tps_dibuka", PAGI, kirim_id="form-0001-abcdef")
    first = ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"])
    again = ctx["layanan"].kirim(ADMIN, lap, ctx["daftar"])
    assert first.status == "baru" and again.status == "ganda"
    assert again.seq == first.seq and again.diterima == first.diterima
    assert again.pesan.startswith(f"Laporan ini sudah diterima pukul {first.diterima:%H.%M.%S}")
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 1
    assert "kirim_ulang" in set(lapor.jejak(cur)["aksi"])


def test_the_same_content_under_a_new_id_is_recognised_but_going_back_is_a_correction(ctx):
    # The phone reconnected into a new session and lost the form's id: same reporter, same content.
    first = _kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=200, hadir_p=150, kirim_id="sesi-lama-000001")
    again = _kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=200, hadir_p=150, kirim_id="sesi-baru-000002",
                   waktu=PAGI + dt.timedelta(minutes=1))
    assert again.status == "ganda" and again.seq == first.seq
    fix = _kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=201, hadir_p=150)
    back = _kirim(ctx, NGADISARI, 3, "pemungutan_selesai", hadir_l=200, hadir_p=150)  # the first was right after all
    assert fix.status == back.status == "baru" and back.menggantikan == fix.seq
    # Another reporter sending the same figures is a report of its own.
    other = _kirim(ctx, NGADISARI, 3, "pemungutan_selesai", pengguna=ANALIS, hadir_l=200, hadir_p=150)
    assert other.status == "baru"
    inc = _kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang")
    assert _kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang").seq == inc.seq
    assert _kirim(ctx, NGADISARI, 3, lapor.KEJADIAN, kategori="logistik", uraian="Bilik rusak").status == "baru"
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 6


def test_in_local_mode_two_browsers_with_the_same_content_are_two_reports(ctx):
    # Nobody is identified in local mode: two browsers opening the same TPS are two people. Only the
    # same form id (the same browser sending again) is recognised.
    a = _kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-a-000001")
    b = _kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-b-000001")
    again = _kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL, kirim_id="browser-b-000001")
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
                lap = lapor.Laporan(E, row["kode_desa"], row["no_tps"], "logistik_tiba", PAGI,
                                    kirim_id=f"t{n:02d}-{k}-0123456789")
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
    assert _baris(_ringkasan(ctx)["kabupaten"].to_frame().T, "korwil", "Kabupaten")["lapor_logistik_tiba"] == 200


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
                    r = lapor.ringkasan(cur, ctx["daftar"], ctx["kec"], "logistik_tiba")
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
                ctx["layanan"].kirim(ADMIN, lapor.Laporan(E, row["kode_desa"], row["no_tps"], "logistik_tiba", PAGI,
                                                          kirim_id=f"w{n}-{k}-0123456789"), ctx["daftar"])
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
    assert int(_ringkasan(ctx)["kabupaten"]["lapor_logistik_tiba"]) == 60


def test_a_reporter_reports_only_in_their_area(ctx):
    pelapor = akses.Pengguna("pelapor-sukapura", "pelapor", wilayah=SUKAPURA)
    sumber = ctx["daftar"].frame[ctx["daftar"].frame["kode_kecamatan"] == "35.13.02"].iloc[0]
    mine = ctx["daftar"].wilayah(pelapor)
    assert set(mine["kode_kecamatan"]) == {SUKAPURA}
    assert _kirim(ctx, NGADISARI, 1, "logistik_tiba", pengguna=pelapor).status == "baru"
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda; laporan ditolak"):
        _kirim(ctx, sumber["kode_desa"], sumber["no_tps"], "logistik_tiba", pengguna=pelapor)
    desa_only = akses.Pengguna("pelapor-wonotoro", "pelapor", wilayah=WONOTORO)
    assert set(ctx["daftar"].wilayah(desa_only)["kode_desa"]) == {WONOTORO}
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda"):
        _kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=desa_only)
    with pytest.raises(lapor.LaporanDitolak, match="tidak memiliki akses"):
        _kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=PIMPINAN)
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda"):  # a pelapor without an area
        _kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=akses.Pengguna("baru", "pelapor"))
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 1
    trail = lapor.jejak(cur)
    assert (trail["aksi"] == "ditolak").sum() == 4
    assert cur.execute("select pelapor from laporan").fetchone()[0] == "pelapor-sukapura"


def test_numbers_are_checked_on_the_server(ctx):
    with pytest.raises(lapor.LaporanDitolak, match=r"Isi jumlah pengguna hak pilih laki-laki \(L\) dan perempuan"):
        _kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=10)
    with pytest.raises(lapor.LaporanDitolak, match="hanya diisi pada tahap pemungutan atau penghitungan"):
        _kirim(ctx, NGADISARI, 1, "tps_dibuka", hadir_l=10, hadir_p=10)
    with pytest.raises(lapor.LaporanDitolak, match="TPS 99 tidak ada di daftar TPS aktif"):
        _kirim(ctx, NGADISARI, 99, "tps_dibuka")
    over = _kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=300, hadir_p=200)
    assert over.status == "baru"
    assert over.peringatan == ("L + P = 500 melebihi DPT TPS 1 Desa Ngadisari (Kecamatan Sukapura) (470); "
                               "pastikan angkanya (pemilih DPTb/DPK ikut dihitung?).",)


def test_incidents_stay_open_until_handled(ctx):
    kat = next(iter(lapor.kategori()))
    inc = _kirim(ctx, NGADISARI, 1, lapor.KEJADIAN, kategori=kat, uraian="Surat suara kurang 10 lembar")
    _kirim(ctx, NGADISARI, 2, "tps_dibuka", kategori=kat, uraian="<b>Hujan</b> deras, TPS dipindah")
    suk = _baris(_ringkasan(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["kejadian_terbuka"] == 2
    with pytest.raises(akses.TidakBoleh):
        ctx["layanan"].selesaikan(akses.Pengguna("p", "pelapor", wilayah=SUKAPURA), inc.seq)
    assert ctx["layanan"].selesaikan(ANALIS, inc.seq, "surat suara cadangan dikirim") is True
    assert ctx["layanan"].selesaikan(ANALIS, inc.seq) is False
    r = _ringkasan(ctx)
    assert _baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)["kejadian_terbuka"] == 1
    open_rows = r["kejadian"][r["kejadian"]["terbuka"]]
    assert list(open_rows["uraian"]) == ["<b>Hujan</b> deras, TPS dipindah"]


# --------------------------------------------------------------------------- Excel (paper reports)
HEADER = ["NO", "KECAMATAN", "DESA/KELURAHAN", "NOMOR TPS", "TAHAP", "WAKTU", "PENGGUNA HAK PILIH", None,
          "KATEGORI KEJADIAN", "URAIAN KEJADIAN"]


def _sheet(path, rows):
    top = [["LAPORAN TPS HARI PEMUNGUTAN SUARA"], ["KECAMATAN SUKAPURA"], [],
           HEADER, [None] * 6 + ["L", "P", None, None]]
    return xlsx.write(path, top + rows, sheet="LAPORAN", merges=("G4:H4",))


def test_paper_reports_upload_once_all_or_nothing(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "001", "Logistik tiba", "06.10", None, None, None, None],
        [2, None, "Ngadisari", "1", "Pemungutan selesai", "27-11-2024 13.05", 200, 150, None, None],
        [3, None, "Wonotoro", "TPS 1", "pemungutan selesai", "13.20", "100", "100", "Keamanan/trantibmas", "Ricuh kecil"],
    ]
    path = _sheet(tmp_path / "laporan_sukapura.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == [] and len(berkas.laporan) == 3
    assert berkas.laporan[2][1].kategori == "keamanan" and berkas.laporan[2][1].hadir_l == 100
    done = ctx["layanan"].unggah(ANALIS, berkas, ctx["daftar"])
    assert [h.status for h in done.hasil] == ["baru"] * 3
    suk = _baris(_ringkasan(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["hadir"] == 550 and suk["lapor_logistik_tiba"] == 1 and suk["kejadian_terbuka"] == 1
    # The same file again changes nothing.
    with ctx["con"].cursor() as cur:
        again = ctx["layanan"].unggah(ANALIS, lapor.baca_excel(path.read_bytes(), path.name, cur, E), ctx["daftar"])
    assert again.sama_dengan is not None and again.hasil is None
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 3
    assert cur.execute("select sumber from laporan limit 1").fetchone()[0] == "excel: laporan_sukapura.xlsx"
    trail = lapor.jejak(cur)
    assert (trail["aksi"] == "unggah").sum() == 1 and trail[trail["aksi"] == "unggah"]["pelaku"].iloc[0] == "analis1"
    # A reporter may not upload.
    with pytest.raises(akses.TidakBoleh):
        ctx["layanan"].unggah(akses.Pengguna("p", "pelapor", wilayah=SUKAPURA), berkas, ctx["daftar"])


def test_a_bad_row_names_file_sheet_row_and_column_and_nothing_is_stored(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
        [2, "Sukapura", "Ngadisari", "2", "Pemungutan selesai", "13.05", "35,4", 150, None, None],
        [3, "Sukapura", "Ngadisari", "3", "Makan siang", "25.99", None, None, None, None],
    ]
    path = _sheet(tmp_path / "salah.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat[0].startswith("salah.xlsx, sheet 'LAPORAN', baris 7, kolom G (PENGGUNA HAK PILIH / L): "
                                      "'35,4'"), berkas.galat
    assert any("baris 8, kolom E (TAHAP): tahap 'Makan siang' tidak dikenal" in g for g in berkas.galat)
    assert any("baris 8, kolom F (WAKTU): waktu '25.99' tidak terbaca" in g for g in berkas.galat)
    done = ctx["layanan"].unggah(ANALIS, berkas, ctx["daftar"])
    assert done.hasil is None
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 0


def test_a_tps_outside_the_uploaders_area_refuses_the_whole_file(ctx, tmp_path):
    rows = [[1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
            [2, "Sumber", "Sumber", "1", "Logistik tiba", "06.20", None, None, None, None]]
    path = _sheet(tmp_path / "dua_kecamatan.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == []
    analis_sukapura = akses.Pengguna("analis-suk", "analis", wilayah=SUKAPURA)
    done = ctx["layanan"].unggah(analis_sukapura, berkas, ctx["daftar"])
    assert done.hasil is None
    assert any("baris 7" in g and "bukan wilayah tugas Anda" in g for g in done.galat), done.galat
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 0


def test_the_signature_under_the_reports_is_not_a_report(ctx, tmp_path):
    rows = [[1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
            [2, None, "Wonotoro", "1", "Pemungutan selesai", "13.20", 100, 100, None, None],  # row 7
            [], [None, "Mengetahui,", None, None, "Sukapura, 27-11-2024"],  # rows 9-15
            [None, "KETUA PPK SUKAPURA", None, None, "KETUA PPS DESA NGADISARI"], [], [], [],
            [None, "SUPRAPTO", None, None, "NURUL HIDAYAH"], [None, "NIP. 19740404 200003 1 004"]]
    path = _sheet(tmp_path / "laporan_bertanda_tangan.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == []
    assert [(where, lap.kode_desa, lap.tahap) for where, lap in berkas.laporan] == [
        ("sheet 'LAPORAN', baris 6", NGADISARI, "logistik_tiba"),
        ("sheet 'LAPORAN', baris 7", WONOTORO, "pemungutan_selesai")]


def test_the_template_is_read_back(ctx, tmp_path):
    data = templates.template("lapor", ["Sukapura", "Kraksaan"])
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(data, "templat_lapor.xlsx", cur, E)
    # Only the example row: it is skipped, so there is nothing to store, and the message says so.
    assert berkas.laporan == []
    assert berkas.galat == ["templat_lapor.xlsx: tidak ada baris laporan di bawah judul kolom"]


def test_another_process_cannot_open_it_while_the_server_holds_it(ctx):
    code = f"from readiness import lapor; print(lapor.baca_saja({str(ctx['path'])!r}) is None)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "True", out.stderr


# --------------------------------------------------------------------------- the rakor slide
def test_the_deck_has_an_election_day_slide_only_when_reports_exist(ctx):
    from readiness import deck_html, deck_pptx, slides
    cur = ctx["layanan"].cursor()
    before = slides.deck(ctx["con"], E, lapor=cur)
    assert "lapor" not in [s.kind for s in before.slides]
    _kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=200, hadir_p=150)
    _kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=180, hadir_p=170)
    deck = slides.deck(ctx["con"], E, lapor=ctx["layanan"].cursor())
    assert [s.kind for s in deck.slides][:3] == ["ringkasan", "lapor", "peta"]
    slide = deck.slides[1]
    # 700 voters at two TPS of 470 DPT each: 74,47%; the kabupaten target weighted by DPT.
    assert slide.judul.startswith("2 dari 1.739 TPS sudah lapor pemungutan selesai; partisipasi sementara 74,5% "
                                  "(target ")
    assert slide.angka[0].nilai == "2/1.739" and slide.angka[1].nilai == "74,5%"
    assert slide.grafik.batang[0].label != "Sukapura"          # the most lagging kecamatan first
    html = deck_html.slide_html(deck, 1)
    assert "sudah lapor pemungutan selesai" in html
    assert len(deck_pptx.to_pptx(deck)) > 10_000
    assert len(before.slides) + 1 == len(deck.slides)


def test_the_same_form_sent_again_keeps_its_submission_id_and_any_change_gets_a_new_one():
    isi = ("pelapor1", "pilkada-2024", NGADISARI, "3", "pemungutan_selesai", None, 120, 131, None, None)
    pertama = lapor.kirim_id(*isi)
    assert pertama.startswith("f-")
    assert lapor.kirim_id(*isi, terakhir=pertama) == pertama  # a double tap, a retry, a reconnect
    ubah = lapor.kirim_id(*isi[:6], 121, *isi[7:], terakhir=pertama)
    assert ubah != pertama and ubah.rsplit("-", 1)[1] != pertama.rsplit("-", 1)[1]
    assert lapor.kirim_id(*isi) != pertama  # a new form without the last id is a new report


def test_a_tps_link_opens_only_a_tps_of_the_users_area():
    import pandas as pd
    mine = pd.DataFrame({"kode_kecamatan": ["35.13.01"] * 2, "kecamatan": ["Sukapura"] * 2,
                         "kode_desa": [NGADISARI, NGADISARI], "desa": ["Ngadisari"] * 2, "no_tps": ["1", "3"]})
    assert lapor.tps_dari_tautan(mine, f"{NGADISARI}-3") == ("35.13.01", NGADISARI, "3")
    assert lapor.tps_dari_tautan(mine, f"{WONOTORO}-1") is None
    assert lapor.tps_dari_tautan(mine, "") is None
    assert lapor.wilayah_teks(akses.Pengguna("p", "pelapor", wilayah=NGADISARI), mine) == \
        "Desa Ngadisari (Kecamatan Sukapura)"
    assert lapor.wilayah_teks(akses.Pengguna("p", "pelapor", wilayah="35.13.01"), mine) == "Kecamatan Sukapura"
