"""The phones' field-report path (/lapangan/) through Starlette's TestClient: login with the
dashboard's accounts, a pelapor limited to their area on the server, the CSRF token, a report sent
twice with the same submission id stored once, refusals in Indonesian naming the field, the logout
that ends the session and clears the phone, and a page small enough for slow 3G."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import lapangan
from readiness import catatan, lapor
from readiness import pengguna as pengguna_store

NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
SANDI = "sandi-lapangan-123"


@pytest.fixture(scope="module")
def met_pengguna(demo_db_master, tmp_path_factory) -> Path:
    """The demo database with an admin and a pelapor of Ngadisari (their passwords hashed once)."""
    path = tmp_path_factory.mktemp("lapangan") / "readiness.duckdb"
    shutil.copyfile(demo_db_master, path)
    catatan.salin(demo_db_master, path)
    pengguna_store.tambah(path, "admin1", "admin", SANDI, pelaku="uji")
    pengguna_store.tambah(path, "sari", "pelapor", SANDI, wilayah=NGADISARI, pelaku="uji")
    return path


@pytest.fixture
def klien(met_pengguna, tmp_path, monkeypatch):
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(met_pengguna, path)
    catatan.salin(met_pengguna, path)
    monkeypatch.setenv("READINESS_DB", str(path))
    with TestClient(Starlette(routes=lapangan.rute())) as client:
        client.db = path
        yield client


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _masuk(client, nama="sari", sandi=SANDI):
    client.get("/lapangan/")
    return client.post("/lapangan/masuk", data={"nama": nama, "sandi": sandi, "csrf": client.cookies["lapangan_csrf"]})


def _kirim(client, csrf, **isi):
    data = {"csrf": csrf, "tps": f"{NGADISARI}-1", "tahap": "tps_dibuka", "kirim_id": "m-0123456789abcdef", **isi}
    return client.post("/lapangan/kirim", data=data, headers={"Accept": "application/json"})


def _laporan(db_path) -> list[tuple]:
    cur = lapor.layanan(db_path).cursor()
    return cur.execute("select kirim_id, no_tps, tahap, hadir_l, hadir_p, pelapor, sumber from laporan").fetchall()


def test_health_check_answers_ok(klien):
    r = klien.get("/lapangan/sehat")
    assert (r.status_code, r.text) == (200, "ok")
    r = klien.get("/lapangan/kirim")  # a report is only ever a POST
    assert r.status_code == 404 and "Halaman ini tidak ada." in r.text


def test_login_then_the_form_of_the_reporters_own_tps_small_enough_for_slow_3g(klien):
    r = klien.get("/lapangan/")
    assert "Nama pengguna" in r.text and "Kata sandi" in r.text
    salah = _masuk(klien, sandi="bukan-sandinya-1")
    assert salah.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in salah.text
    r = _masuk(klien)
    assert r.status_code == 200 and "Lapor cepat TPS" in r.text
    assert "sari · Pelapor lapangan · Desa Ngadisari (Kecamatan Sukapura)" in r.text
    # Only the TPS of Ngadisari are offered.
    assert re.findall(r'<option value="([^"]+)"', r.text)[0] == f"{NGADISARI}-1"
    assert all(v.startswith(NGADISARI) for v in re.findall(r'<option value="(35[^"]+)"', r.text))
    cookie = next(h for h in r.history[0].headers.get_list("set-cookie") if h.startswith("lapangan_sesi="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=43200" in cookie
    assert "Secure" not in cookie  # plain http on the machine itself
    js = klien.get("/lapangan/lapangan.js")
    assert len(r.content) + len(js.content) < 50_000
    assert "websocket" not in r.text.lower() and "_stcore" not in r.text


def test_session_cookie_is_secure_behind_an_https_proxy(klien):
    https = {"X-Forwarded-Proto": "https"}
    r = klien.get("/lapangan/", headers=https)
    assert "Secure" in r.headers["set-cookie"]
    csrf = _csrf(r.text)
    r = klien.post(
        "/lapangan/masuk",
        data={"nama": "sari", "sandi": SANDI, "csrf": csrf},
        headers={**https, "Cookie": f"lapangan_csrf={csrf}"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    cookies = r.headers.get_list("set-cookie")
    assert {c.split("=")[0] for c in cookies} == {"lapangan_sesi", "lapangan_csrf"}
    assert all("Secure" in c and "HttpOnly" in c for c in cookies)


def test_a_report_sent_twice_with_one_id_is_stored_once(klien):
    csrf = _csrf(_masuk(klien).text)
    pertama = _kirim(klien, csrf, tahap="pemungutan_selesai", hadir_l="120", hadir_p="131")
    assert pertama.status_code == 200
    assert "lapangan_sesi=" in pertama.headers["set-cookie"]  # sending renews the phone's session cookie
    assert pertama.json()["pesan"].startswith(
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): Pemungutan selesai. Terkirim #1 pukul "
    )
    lagi = _kirim(klien, csrf, tahap="pemungutan_selesai", hadir_l="120", hadir_p="131")
    assert lagi.json()["status"] == "ganda"
    assert lagi.json()["pesan"].endswith("dikirim lagi, tidak dicatat dua kali.")
    assert _laporan(klien.db) == [
        ("m-0123456789abcdef", "1", "pemungutan_selesai", 120, 131, "sari", "lapangan"),
    ]


def test_refusals_name_the_field_in_indonesian_and_store_nothing(klien):
    csrf = _csrf(_masuk(klien).text)
    r = _kirim(klien, csrf, tahap="pemungutan_selesai", hadir_l="12O", hadir_p="5")
    assert (r.status_code, r.json()["galat"]) == (400, "Kolom Laki-laki (L): '12O' bukan bilangan bulat.")
    r = _kirim(klien, csrf, tahap="pemungutan_selesai")
    assert r.json()["galat"] == "Isi jumlah pengguna hak pilih laki-laki (L) dan perempuan (P)."
    r = _kirim(klien, csrf, jam="25.70")
    assert r.json()["galat"] == "Jam kejadian '25:70' tidak dikenali; tulis seperti 07.15."
    # A TPS outside the reporter's area, forged into the form, is refused by the server.
    r = _kirim(klien, csrf, tps=f"{WONOTORO}-1")
    assert r.status_code == 400
    assert r.json()["galat"] == "TPS 1 Desa Wonotoro (Kecamatan Sukapura) bukan wilayah tugas Anda; laporan ditolak."
    assert _laporan(klien.db) == []


def test_a_post_without_the_forms_csrf_token_is_refused(klien):
    _masuk(klien)
    r = _kirim(klien, "token-dari-situs-lain-0000")
    assert (r.status_code, r.json()["galat"]) == (
        403,
        "Formulir ini sudah kedaluwarsa; muat ulang halaman lalu kirim lagi.",
    )
    assert _laporan(klien.db) == []


def test_without_javascript_a_plain_form_post_answers_with_the_page(klien):
    csrf = _csrf(_masuk(klien).text)
    r = klien.post(
        "/lapangan/kirim",
        data={"csrf": csrf, "tps": f"{NGADISARI}-2", "tahap": "logistik_tiba", "kirim_id": "h-plainform0001"},
    )
    assert r.status_code == 200
    assert "TPS 2 Desa Ngadisari (Kecamatan Sukapura): Logistik tiba. Terkirim #1 pukul " in r.text
    assert f'<option value="{NGADISARI}-2" selected>' in r.text  # the same TPS for the next report


def test_logout_ends_the_session_and_clears_the_phone(klien):
    csrf = _csrf(_masuk(klien).text)
    r = klien.post("/lapangan/keluar", data={"csrf": csrf})
    assert "Anda sudah keluar." in r.text
    assert r.headers["Clear-Site-Data"] == '"storage"'
    assert "lapangan_sesi" not in klien.cookies
    # The old token no longer works, even if a copy of it was kept.
    r = _kirim(klien, csrf)
    assert r.status_code in (401, 403)
    assert _laporan(klien.db) == []


def test_one_writer_per_process_for_the_dashboard_and_the_phones(klien):
    from app import baca

    assert baca.lapor_layanan(str(klien.db)) is lapor.layanan(klien.db)


def _kirim_dengan(client, sesi_token, csrf, kirim_id):
    """A report sent with a copy of the phone's cookies (kept after a logout, or by a disabled user)."""
    client.cookies.clear()
    data = {"csrf": csrf, "tps": f"{NGADISARI}-1", "tahap": "tps_dibuka", "kirim_id": kirim_id}
    cookie = f"lapangan_sesi={sesi_token}; lapangan_csrf={csrf}"
    return client.post("/lapangan/kirim", data=data, headers={"Accept": "application/json", "Cookie": cookie})


def test_a_kept_session_cookie_is_refused_right_after_logout(klien):
    csrf = _csrf(_masuk(klien).text)
    token = klien.cookies["lapangan_sesi"]
    assert _kirim_dengan(klien, token, csrf, "m-sebelum-keluar-1").status_code == 200  # the session is now trusted
    klien.cookies.set("lapangan_sesi", token, path="/lapangan")
    klien.cookies.set("lapangan_csrf", csrf, path="/lapangan")
    assert "Anda sudah keluar." in klien.post("/lapangan/keluar", data={"csrf": csrf}).text
    r = _kirim_dengan(klien, token, csrf, "m-sesudah-keluar-1")
    assert r.status_code == 401
    assert r.json()["galat"].startswith("Sesi Anda berakhir; silakan masuk lagi.")
    assert [row[0] for row in _laporan(klien.db)] == ["m-sebelum-keluar-1"]


def test_a_disabled_reporter_is_refused_at_once(klien):
    csrf = _csrf(_masuk(klien).text)
    token = klien.cookies["lapangan_sesi"]
    assert _kirim_dengan(klien, token, csrf, "m-sebelum-nonaktif").status_code == 200
    pengguna_store.nonaktifkan(klien.db, "sari", pelaku="uji")
    r = _kirim_dengan(klien, token, csrf, "m-sesudah-nonaktif")
    assert r.status_code == 401
    assert r.json()["galat"].startswith("Sesi Anda berakhir; silakan masuk lagi.")
    assert [row[0] for row in _laporan(klien.db)] == ["m-sebelum-nonaktif"]
