"""The audit trail: one row for every upload, version activation, setting change (with the values
before and after), user change, export and login — written in the same transaction as the change,
in the analytical file or in the small-records store — and nothing that changes or deletes a row."""

import datetime as dt
import inspect
import json
import re
import sqlite3

import pytest

from app import ekspor
from readiness import akses, catatan, cli, db, ingest, jejak, pengguna
from tests import xlsx
from tests.pages.halaman import buka, tabel
from tests.writer_lock import upload_in_progress

SANDI = "Rahasia-Desk-2024"
ADMIN = akses.Pengguna("budi", "admin")


def rows(path, aksi=None):
    con = db.open_read_only(path)
    try:
        cur = con.execute("select * from jejak where $a is null or aksi = $a order by id", {"a": aksi})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()


def catatan_rows(path, aksi=None):
    """The small-records store's trail (logins, logouts, user changes, exports, problems, thresholds
    and targets)."""
    with catatan.baca(path) as con:
        return [
            dict(r)
            for r in con.execute("select * from jejak where ? is null or aksi = ? order by id", (aksi, aksi)).fetchall()
        ]


def test_upload_and_activation_are_recorded_with_who(demo_db, tmp_path):
    sebelum = len(rows(demo_db))
    path = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    batch = ingest.ingest_files(demo_db, [(path.name, path.read_bytes())], uploaded_by="budi", pelaku=ADMIN)
    upload_id = batch.results[0].upload_id
    (row,) = rows(demo_db, "unggah")[-1:]
    assert (row["pelaku"], row["peran"], row["objek"]) == ("budi", "admin", "kraksaan.xlsx")
    assert json.loads(row["rincian"]) == {
        "upload_id": upload_id,
        "jenis": "pemilih",
        "pemilihan": "pilkada-2024",
        "baris": 1,
        "kecamatan": 1,
        "sha256": batch.results[0].sha256,
    }
    # The same file again changes nothing, and records nothing.
    ingest.ingest_files(demo_db, [(path.name, path.read_bytes())], pelaku=ADMIN)
    assert sum(r["objek"] == "kraksaan.xlsx" for r in rows(demo_db, "unggah")) == 1
    ingest.activate(demo_db, 1, pelaku=ADMIN)
    akt = rows(demo_db, "aktifkan")[-1]
    assert (akt["pelaku"], akt["objek"]) == ("budi", "unggahan #1")
    assert json.loads(akt["rincian"])["berkas"] == "pemilih_rekap_desa_pilkada2024.xlsx"
    assert len(rows(demo_db)) == sebelum + 2


def test_command_line_uploads_are_recorded_as_cli(empty_db, tmp_path):
    path = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    assert cli.main(["ingest", str(path), "--db", str(empty_db)]) == 0
    assert cli.main(["activate", "1", "--db", str(empty_db)]) == 0
    assert [(r["pelaku"], r["aksi"], r["objek"]) for r in rows(empty_db)] == [
        ("cli", "unggah", "kraksaan.xlsx"),
        ("cli", "aktifkan", "unggahan #1"),
    ]


def test_a_refused_command_line_upload_is_recorded_with_its_reason_and_nothing_else_is_written(empty_db, tmp_path):
    good = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    bad = xlsx.recap(tmp_path / "paiton.xlsx", [("Paiton", "Sumberejo", 2, 300, "3OO", 600)])
    before = empty_db.read_bytes()
    assert cli.main(["ingest", str(good), str(bad), "--db", str(empty_db)]) == 1
    assert empty_db.read_bytes() == before
    [record] = catatan_rows(empty_db, "unggah_ditolak")
    assert (record["pelaku"], record["objek"]) == ("cli", "paiton.xlsx")
    assert json.loads(record["rincian"])["alasan"] == (
        "sheet 'REKAP', baris 6, kolom F (JUMLAH PEMILIH / P): '…' bukan bilangan bulat"
    )


def test_a_setting_change_on_the_page_records_before_and_after(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengaturan")
    next(t for t in at.text_input if t.label == "KTP-el: batas Siap (%)").set_value("96,5")
    next(b for b in at.button if b.label == "Simpan ambang dan kapasitas").click().run()
    assert at.success[0].value == "Ambang, kapasitas dan target bawaan disimpan."
    (row,) = catatan_rows(demo_db, "pengaturan")  # with the setting, in the small-records store
    assert rows(demo_db, "pengaturan") == []
    assert (row["pelaku"], row["objek"]) == ("lokal", "ambang dan kapasitas")
    assert json.loads(row["sebelum"]) == {"ktpel_hijau": 98.0}
    assert json.loads(row["sesudah"]) == {"ktpel_hijau": 96.5}
    # the Jejak Audit page words it as the Pengaturan page does, with the value in its unit
    at = buka(demo_db, monkeypatch, "jejak")
    trail = tabel(at, "No.")
    ubah = trail[trail["Aksi"] == "Ubah pengaturan"].iloc[0]
    assert (ubah["Sebelum"], ubah["Sesudah"]) == ("KTP-el: batas Siap (%): 98%", "KTP-el: batas Siap (%): 96,5%")
    assert ubah["Pengguna"] == "mode lokal (tanpa akun)"
    assert re.fullmatch(
        r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2}",
        ubah["Waktu"],
    )


def test_korwil_change_records_only_what_moved(demo_db):
    con = db.connect_read(demo_db)
    try:
        korwil = con.execute(
            "select k.kode_kecamatan, r.kecamatan, k.korwil, k.koordinator from korwil k "
            "join ref_kecamatan r using (kode_kecamatan) where election_id = 'pilkada-2024' "
            "order by 1"
        ).df()
    finally:
        con.close()
    from readiness import model

    lain = sorted(set(korwil["korwil"]) - {korwil.loc[0, "korwil"]})[0]
    moved = korwil.copy()
    moved.loc[0, "korwil"] = lain
    moved["koordinator"] = moved["korwil"].map(dict(zip(korwil["korwil"], korwil["koordinator"])))
    with db.writing(demo_db) as con:
        sebelum = jejak.potret_pengaturan(con, "pilkada-2024")
        model.simpan_korwil(con, "pilkada-2024", moved[["kecamatan", "korwil", "koordinator"]])
        jejak.catat_pengaturan(con, ADMIN, "pembagian korwil", sebelum, "pilkada-2024")
    (row,) = rows(demo_db, "pengaturan")
    kode = korwil.loc[0, "kode_kecamatan"]
    assert list(json.loads(row["sebelum"])) == [f"korwil:{kode}"]
    assert json.loads(row["sesudah"])[f"korwil:{kode}"].startswith(lain)
    lama = korwil.loc[0]
    assert model.uraikan_perubahan(row["sebelum"], kecamatan={kode: lama["kecamatan"]}) == (
        f"Korwil Kecamatan {lama['kecamatan']}: {lama['korwil']} ({lama['koordinator']})"
    )


def test_user_changes_are_recorded_without_any_hash(empty_db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(SANDI))
    assert cli.main(["user", "add", "budi", "--db", str(empty_db), "--role", "admin", "--password-stdin"]) == 0
    pengguna.tambah(empty_db, "ani", "analis", SANDI, pelaku=ADMIN)
    pengguna.atur_sandi(empty_db, "ani", "Sandi-Baru-123", pelaku=ADMIN)
    pengguna.ubah_peran(empty_db, "ani", "pimpinan", pelaku=ADMIN)
    pengguna.nonaktifkan(empty_db, "ani", pelaku=ADMIN)
    pengguna.aktifkan(empty_db, "ani", pelaku=ADMIN)
    trail = catatan_rows(empty_db, "pengguna")
    got = [(r["pelaku"], r["objek"], json.loads(r["rincian"])["perubahan"]) for r in trail]
    assert got == [
        ("cli", "budi", "tambah"),
        ("budi", "ani", "tambah"),
        ("budi", "ani", "atur_ulang_sandi"),
        ("budi", "ani", "ubah_peran"),
        ("budi", "ani", "nonaktifkan"),
        ("budi", "ani", "aktifkan"),
    ]
    assert json.loads(trail[3]["sebelum"])["peran"] == "analis"
    assert json.loads(trail[3]["sesudah"])["peran"] == "pimpinan"
    text = json.dumps(catatan_rows(empty_db), default=str)
    assert "argon2" not in text and SANDI not in text and "Sandi-Baru-123" not in text
    assert rows(empty_db) == []  # nothing of it in the analytical file


def test_a_user_change_and_its_record_commit_together(empty_db, monkeypatch):
    pengguna.tambah(empty_db, "budi", "admin", SANDI, pelaku=ADMIN)
    real = jejak.catat

    def failing(con, *args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(jejak, "catat", failing)
    with pytest.raises(sqlite3.OperationalError):
        pengguna.tambah(empty_db, "ani", "analis", SANDI, pelaku=ADMIN)
    monkeypatch.setattr(jejak, "catat", real)
    assert pengguna.cari(empty_db, "ani") is None
    assert [r["objek"] for r in catatan_rows(empty_db, "pengguna")] == ["budi"]


def test_logins_and_logouts_are_recorded(empty_db):
    pengguna.tambah(empty_db, "budi", "admin", SANDI, pelaku=ADMIN)
    ok = pengguna.masuk(empty_db, "budi", SANDI, sumber="10.0.0.7", tidur=lambda s: None)
    pengguna.masuk(empty_db, "budi", "salah-salah", sumber="10.0.0.7", tidur=lambda s: None)
    pengguna.masuk(empty_db, "siapa", "apa-saja-123", sumber="10.0.0.7", tidur=lambda s: None)
    pengguna.keluar(empty_db, ok.pengguna, pengguna.hash_token(ok.token))
    got = [(r["pelaku"], r["peran"], r["aksi"], json.loads(r["rincian"])) for r in catatan_rows(empty_db)][1:]
    assert got == [
        ("budi", "admin", "masuk", {"hasil": "berhasil", "sumber": "10.0.0.7"}),
        ("budi", "admin", "masuk", {"hasil": "sandi_salah", "sumber": "10.0.0.7"}),
        ("si***", None, "masuk", {"hasil": "nama_tidak_dikenal", "sumber": "10.0.0.7"}),
        ("budi", "admin", "keluar", {"alasan": "keluar"}),
    ]
    assert "salah-salah" not in json.dumps(catatan_rows(empty_db), default=str)


def test_an_export_is_recorded_when_the_file_is_made_and_refused_for_a_disabled_user(empty_db, monkeypatch):
    monkeypatch.setenv("READINESS_DB", str(empty_db))
    pengguna.tambah(empty_db, "budi", "admin", SANDI, pelaku=ADMIN)
    pengguna.tambah(empty_db, "ani", "pimpinan", SANDI, pelaku=ADMIN)
    make = ekspor.berkas_unduhan(lambda: b"isi", "status-kesiapan.xlsx", akses.Pengguna("ani", "pimpinan"))
    assert catatan_rows(empty_db, "ekspor") == []  # nothing until the button is clicked
    assert make() == b"isi"
    (row,) = catatan_rows(empty_db, "ekspor")
    assert (row["pelaku"], row["peran"], row["objek"]) == ("ani", "pimpinan", "status-kesiapan.xlsx")
    pengguna.nonaktifkan(empty_db, "ani", pelaku=ADMIN)
    with pytest.raises(akses.TidakBoleh):
        make()
    # Local mode's downloads stop once a user exists.
    with pytest.raises(akses.TidakBoleh):
        ekspor.berkas_unduhan(b"x", "x.csv", akses.LOKAL)()
    assert len(catatan_rows(empty_db, "ekspor")) == 1


def test_the_jejak_module_only_appends():
    """Its public functions: record (insert), take a snapshot (read) and word a detail; none can
    change or delete a row."""
    public = {
        n
        for n, f in inspect.getmembers(jejak, inspect.isfunction)
        if not n.startswith("_") and f.__module__ == jejak.__name__
    }
    assert public == {
        "catat",
        "catat_pengaturan",
        "potret_pengaturan",
        "uraikan",
        "daftar",
        "rentang",
    }  # both stores' trail, read


def test_the_store_refuses_to_change_or_delete_its_trail(empty_db):
    pengguna.tambah(empty_db, "budi", "admin", SANDI, pelaku=ADMIN)
    for sql in ("update jejak set pelaku = 'x'", "delete from jejak"):
        with pytest.raises(sqlite3.IntegrityError, match="jejak audit hanya bertambah"):
            with catatan.tulis(empty_db) as con:
                con.execute(sql)
    assert [r["pelaku"] for r in catatan_rows(empty_db)] == ["budi"]


def test_recording_never_touches_earlier_rows(empty_db):
    with db.writing(empty_db) as con:
        jejak.catat(con, ADMIN, "ekspor", "a.xlsx")
    before = rows(empty_db)
    with db.writing(empty_db) as con:
        sebelum = jejak.potret_pengaturan(con, "pilkada-2024")
        con.execute("insert or replace into settings values ('pilkada-2024', 'ktpel_hijau', 97)")
        jejak.catat_pengaturan(con, ADMIN, "ambang", sebelum, "pilkada-2024")
        jejak.catat(con, "cli", "unggah", "b.xlsx", rincian={"baris": 2})
    after = rows(empty_db)
    assert after[: len(before)] == before and len(after) == len(before) + 2
    assert jejak.uraikan(after[-1]["rincian"]) == "baris: 2"
    assert jejak.uraikan('{"baris": 1739, "sesi_diakhiri": true}') == "baris: 1.739; sesi diakhiri: ya"


def test_an_upload_detail_reads_in_words_not_keys_or_codes():
    """The trail of an upload as the ingest writes it: the upload's number, the election's name
    and the kind of data in words, the file's fingerprint shortened."""
    rincian = (
        '{"baris": 25127, "jenis": "daftar", "kecamatan": 1, "pemilihan": "pilkada-2024", '
        '"sha256": "ad5bfaf795ebf45bbd3286968785511f061d348d0f0a740d3c178b7c30009b59", "upload_id": 5}'
    )
    teks = jejak.uraikan(rincian, {"pilkada-2024": "Pilbup 2024"})
    assert teks == (
        "unggahan #5; Pilbup 2024; jenis data: daftar pemilih; baris: 25.127; kecamatan: 1; sidik berkas ad5bfaf7…"
    )
    for mentah in ("sha256", "upload", "pilkada-2024", "ad5bfaf795ebf45b"):
        assert mentah not in teks


def test_an_export_during_a_long_upload_is_given_and_recorded_at_once(empty_db, monkeypatch):
    """Another process (an ingest) holds the analytical file's writer lock: the file is given and
    its record is in the trail straight away."""
    monkeypatch.setenv("READINESS_DB", str(empty_db))
    with upload_in_progress(empty_db):
        assert ekspor.berkas_unduhan(b"deck", "rakor.pptx", akses.LOKAL)() == b"deck"
        assert [(r["pelaku"], r["objek"]) for r in catatan_rows(empty_db, "ekspor")] == [("lokal", "rakor.pptx")]


def test_the_page_trail_shows_both_stores_in_time_order(empty_db):
    pengguna.tambah(empty_db, "budi", "admin", SANDI, pelaku=ADMIN)
    with db.writing(empty_db) as con:
        jejak.catat(con, ADMIN, "unggah", "rekap.xlsx")
    pengguna.catat_ekspor(empty_db, ADMIN, "rekap-kesiapan.xlsx")
    con = db.connect_read(empty_db)
    try:
        trail = jejak.daftar(con.cursor(), empty_db, dt.date.today(), dt.date.today())
        rentang = jejak.rentang(con.cursor(), empty_db)
    finally:
        con.close()
    assert [(r["no"], r["aksi"], r["objek"]) for r in trail.to_dict(orient="records")] == [
        ("C-2", "ekspor", "rekap-kesiapan.xlsx"),
        ("1", "unggah", "rekap.xlsx"),
        ("C-1", "pengguna", "budi"),
    ]
    assert rentang["jumlah"] == 3 and rentang["terakhir"].date() == dt.date.today()
