"""A user limited to one kab/kota of a province (`init --wilayah 74`): an analis of Kabupaten Bombana
uploads and follows up problems only for Bombana, refused in the core whatever the page offers;
an admin sets the limit (command line, Pengguna page) and the user's live session has it at its
next request."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys

import pytest

from readiness import akses, catatan, cli, db, ingest, jejak, masalah, pengguna
from readiness.ingest import pekerja
from readiness.lapor import tps as lapor_tps
from tests import daftar_fixture
from tests.conftest import provinsi_salinan
from tests.test_wilayah_provinsi import province_recap, recap_rows

E = "pilkada-2024"
SANDI = "Rahasia-Desk-2024"
BOMBANA, KOLAKA = "74.06", "74.01"
DILUAR = "data Kabupaten Kolaka (74.01) di luar wilayah Anda: akun 'ana' hanya untuk Kabupaten Bombana (74.06)"


@pytest.fixture(scope="module")
def sultra_kosong(provinsi_master, tmp_path_factory):
    """A province just set up (no data, no user)."""
    return provinsi_salinan(provinsi_master, tmp_path_factory.mktemp("sultra_kosong") / "sultra.duckdb")


@pytest.fixture
def sultra(sultra_kosong, tmp_path):
    path = tmp_path / "sultra.duckdb"
    shutil.copyfile(sultra_kosong, path)
    return path


def rekap(folder, *kode: str):
    """A KPU DPT recap per desa of the province holding only the kab/kota `kode`, in that order."""
    rows = [r for k in kode for r in recap_rows("74", seed=74) if _kode(r[0]) == k]
    return province_recap(folder / f"rekap_dpt_{'_'.join(kode)}.xlsx", rows), rows


def _kode(kabkota: str) -> str:
    return {"Kabupaten Kolaka": KOLAKA, "Kabupaten Bombana": BOMBANA}.get(kabkota, "")


def tersimpan(path) -> tuple:
    con = db.connect_read(path)
    try:
        return con.execute(
            "select (select count(*) from uploads), (select count(*) from stg_pemilih where election_id = $e), "
            "(select count(distinct substr(kode_kecamatan, 1, 5)) from stg_pemilih)",
            {"e": db.DEFAULT_ELECTION},
        ).fetchone()
    finally:
        con.close()


def test_an_analis_of_bombana_uploading_rows_of_kolaka_is_refused_and_nothing_is_written(sultra, tmp_path):
    ana = pengguna.tambah(sultra, "ana", "analis", SANDI, kabkota=BOMBANA, pelaku=jejak.CLI)
    campur, rows = rekap(tmp_path, BOMBANA, KOLAKA)
    bombana = sum(1 for r in rows if _kode(r[0]) == BOMBANA)
    batch = ingest.ingest_files(sultra, [(campur.name, campur.read_bytes())], pelaku=ana)
    assert not batch.ok and not batch.committed
    first, last = 7 + bombana, 6 + len(rows)  # three title rows, a blank one, two header rows
    assert [p.text() for r in batch.results for p in r.errors] == [
        f"{campur.name}, sheet 'REKAP DPT PROVINSI', baris {first}–{last} ({len(rows) - bombana} baris), "
        f"kolom C (KECAMATAN): {DILUAR}"
    ]
    assert tersimpan(sultra) == (0, 0, 0)
    # Bombana's own rows are saved
    sendiri, _ = rekap(tmp_path, BOMBANA)
    batch = ingest.ingest_files(sultra, [(sendiri.name, sendiri.read_bytes())], pelaku=ana)
    assert batch.committed and tersimpan(sultra) == (1, bombana, 1)


def test_the_upload_page_check_refuses_it_before_the_save_is_offered(sultra, tmp_path, monkeypatch):
    """The page's check is handed to a worker (readiness/ingest/pekerja.py) with the user; the
    worker's job is run here in-process (the same job file, pickled user and all)."""
    ana = pengguna.tambah(sultra, "ana", "analis", SANDI, kabkota=BOMBANA, pelaku=jejak.CLI)
    campur, rows = rekap(tmp_path, KOLAKA, BOMBANA)
    kolaka = sum(1 for r in rows if _kode(r[0]) == KOLAKA)
    monkeypatch.setattr(pekerja.subprocess, "Popen", lambda *args, **kwargs: None)
    tugas = pekerja.mulai(sultra, "periksa", [(campur.name, campur.read_bytes())], election=E, pelaku=ana)
    assert pekerja.kerja(tugas.folder) == 0
    batch = tugas.hasil()
    tugas.bersihkan()
    assert [p.text() for r in batch.results for p in r.errors] == [
        f"{campur.name}, sheet 'REKAP DPT PROVINSI', baris 7–{6 + kolaka} ({kolaka} baris), kolom C (KECAMATAN): "
        + DILUAR
    ]
    assert not batch.ok and tersimpan(sultra) == (0, 0, 0)


def isian(kode_kecamatan: str, uraian: str) -> masalah.Isian:
    return masalah.Isian(kode_kecamatan, "logistik", uraian, dt.date(2024, 11, 18), "tinggi", "Camat")


def test_a_problem_of_another_kabkota_is_neither_entered_nor_followed_up(sultra):
    ana = pengguna.tambah(sultra, "ana", "analis", SANDI, kabkota=BOMBANA, pelaku=jejak.CLI)
    budi = akses.Pengguna("budi", "admin")
    kolaka = masalah.tambah(sultra, E, isian("74.01.04", "Kotak suara belum tiba"), budi)
    with pytest.raises(akses.TidakBoleh) as refused:
        masalah.tambah(sultra, E, isian("74.01.07", "Surat suara kurang"), ana)
    assert str(refused.value) == (
        "Masalah untuk Kabupaten Kolaka (74.01) di luar wilayah Anda: akun 'ana' hanya untuk Kabupaten Bombana "
        "(74.06). Tidak ada yang disimpan."
    )
    with pytest.raises(akses.TidakBoleh) as refused:
        masalah.tindak_lanjut(sultra, kolaka, ana, status="selesai", catatan="sudah tiba")
    assert str(refused.value).startswith(f"Masalah #{kolaka} untuk Kabupaten Kolaka (74.01) di luar wilayah Anda")
    with catatan.baca(sultra) as con:
        assert [tuple(r) for r in con.execute("select masalah_id, status from masalah")] == [(kolaka, "baru")]
        assert con.execute("select count(*) from masalah_riwayat").fetchone()[0] == 1
    # Bombana's own problem: entered and followed up
    sendiri = masalah.tambah(sultra, E, isian("74.06.01", "Jembatan putus ke TPS 3"), ana)
    masalah.tindak_lanjut(sultra, sendiri, ana, status="selesai", catatan="lewat jalur lain")
    with catatan.baca(sultra) as con:
        assert con.execute("select status from masalah where masalah_id = ?", (sendiri,)).fetchone()[0] == "selesai"
    # election-day reports from a TPS: Bombana's alone
    assert lapor_tps.boleh_wilayah(ana, "74.06.01", "74.06.01.2001")
    assert not lapor_tps.boleh_wilayah(ana, "74.01.04", "74.01.04.1001")


def test_an_admin_changing_the_kabkota_reaches_the_users_live_session_at_its_next_request(sultra):
    pengguna.tambah(sultra, "ana", "analis", SANDI, pelaku=jejak.CLI)
    hasil = pengguna.masuk(sultra, "ana", SANDI, tidur=lambda s: None)
    token = pengguna.hash_token(hasil.token)
    assert pengguna.periksa_sesi(sultra, token, ingat_sebentar=True).kabkota is None  # now remembered 5 s
    pengguna.ubah_peran(sultra, "ana", "analis", kabkota=BOMBANA, pelaku=akses.Pengguna("budi", "admin"))
    ana = pengguna.periksa_sesi(sultra, token, ingat_sebentar=True)
    assert ana == akses.Pengguna("ana", "analis", kabkota=BOMBANA)
    with pytest.raises(akses.TidakBoleh):
        masalah.tambah(sultra, E, isian("74.01.04", "Kotak suara belum tiba"), ana)
    with catatan.baca(sultra) as con:
        sesudah = con.execute("select sesudah from jejak where rincian like '%ubah_peran%'").fetchone()[0]
    assert '"kabkota": "74.06"' in sesudah
    # and back to the whole province
    pengguna.ubah_peran(sultra, "ana", "analis", pelaku=akses.Pengguna("budi", "admin"))
    assert pengguna.periksa_sesi(sultra, token, ingat_sebentar=True).kabkota is None


def run_cli(monkeypatch, capsys, *args, stdin: str = SANDI):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["user", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_command_line_limits_a_new_user_to_a_kabkota_of_the_installation(sultra, monkeypatch, capsys):
    code, out = run_cli(
        monkeypatch, capsys, "add", "ana", "--db", sultra, "--role", "analis", "--kabkota", "74.06", "--password-stdin"
    )
    assert code == 0, out
    assert "Pengguna 'ana' ditambahkan sebagai Analis, hanya untuk Kabupaten Bombana (74.06)." in out
    assert pengguna.cari(sultra, "ana")["kabkota"] == BOMBANA
    refused = {
        ("admin", "74.06"): "Admin mengelola seluruh wilayah dan tidak dapat dibatasi pada satu kabupaten/kota.",
        ("analis", "74.99"): "Kabupaten/kota '74.99' tidak ada di Provinsi Sulawesi Tenggara: tulis kodenya, "
        "mis. 74.01 (Kabupaten Kolaka).",
    }
    for (peran, kode), pesan in refused.items():
        args = ("add", "x", "--db", sultra, "--role", peran, "--kabkota", kode, "--password-stdin")
        code, out = run_cli(monkeypatch, capsys, *args)
        assert code == 1 and f"GALAT: {pesan} Tidak ada yang diubah." in out
    code, out = run_cli(monkeypatch, capsys, "reset", "ana", "--db", sultra, "--kabkota", "74.01", "--password-stdin")
    assert code == 2 and "--role, --wilayah dan --kabkota hanya untuk 'user add'" in out
    assert [r["nama"] for r in pengguna.daftar(sultra).to_dict("records")] == ["ana"]


def test_a_per_voter_list_outside_the_kabkota_names_its_first_rows_and_counts_the_rest(empty_db, tmp_path):
    """A per-voter list is kept staged on disk (readiness/voterlist): its rows outside are found by
    a query. Kabupaten Probolinggo's list, committed by a user limited to Kota Probolinggo (35.74)."""
    daftar = daftar_fixture.daftar_sukapura(tmp_path)
    ana = akses.Pengguna("ana", "analis", kabkota="35.74")
    batch = ingest.ingest_files(empty_db, [(daftar.path.name, daftar.path.read_bytes())], pelaku=ana)
    assert not batch.committed
    first = daftar_fixture.FIRST_ROW
    assert [p.text() for r in batch.results for p in r.errors] == [
        f"{daftar.path.name}, sheet 'DPT SUKAPURA', baris {first}–{first + 49} (50 baris), kolom O (KECAMATAN): "
        f"data Kabupaten Probolinggo (35.13) di luar wilayah Anda: akun 'ana' hanya untuk 35.74 "
        f"({len(daftar.voters)} baris; 50 yang pertama disebut)"
    ]
    assert tersimpan(empty_db)[:2] == (0, 0)
