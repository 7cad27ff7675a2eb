"""The installation key and private files (DESIGN.md "Privacy"): a copy of the data folder alone
gives back no NIK, the same attack with the key does; a weak or readable key is refused; a key
an older release kept in the data folder is moved out and still matches old uploads; every
database, lock, report store and exported deck is readable by its owner only."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from readiness import audit, cli, db, lapor, privacy
from tests import daftar_fixture as fx

E = "pilkada-2024"
SUKAPURA = "35.13.01"
LUMBANG = "35.13.24"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    """The usual umask of a login shell, so a private file is private by our doing, not the umask's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def key_at(monkeypatch, tmp_path):
    """Point the installation key at `tmp_path/<name>` (the folder need not exist yet)."""

    def point(name: str) -> Path:
        path = tmp_path / name
        monkeypatch.setenv(privacy.ENV_KEY, str(path))
        return path

    return point


def _ingest(db_path: Path, *files: Path) -> None:
    assert cli.main(["ingest", *map(str, files), "--db", str(db_path)]) == 0


def _nik_ganda(db_path: Path) -> dict[str, int]:
    con = db.connect_read(db_path)
    try:
        df = audit.findings_summary(con, E)
    finally:
        con.close()
    df = df[df["temuan"] == "nik_ganda"]
    return dict(zip(df["kode_kecamatan"], df["jumlah"]))


# --------------------------------------------------------------------------- the attack
def _stored_rows(db_path: Path, source_rows: list[int]) -> list[tuple]:
    con = db.connect_read(db_path)
    try:
        return con.execute(
            "select source_row, nik_mask, tgl_lahir, jk, nik_hash from raw_daftar "
            "where list_contains($r, source_row) order by source_row",
            {"r": source_rows},
        ).fetchall()
    finally:
        con.close()


def _serials(base, row) -> str | None:
    """The region code (mask), birth date and sex of a stored row give the first 12 digits of its
    NIK; try the 10.000 serials."""
    _, mask, lahir, jk, target = row
    prefix = f"{mask[:6]}{lahir.day + (40 if jk == 'P' else 0):02d}{lahir:%m%y}"
    want = int(target).to_bytes(16, "big")
    for serial in range(10000):
        h = base.copy()
        h.update(f"{prefix}{serial:04d}".encode())
        if h.digest()[:16] == want:
            return f"{prefix}{serial:04d}"
    return None


def _recover(rows: list[tuple], keys: set[bytes]) -> dict[int, str]:
    """What the tester did, under every candidate key. A key that gives back no NIK for the first
    row (a voter with a well-formed NIK) is not the key and is not tried on the others."""
    found = {}
    for key in keys:
        base = hmac.new(key, digestmod=hashlib.sha256)
        if _serials(base, rows[0]) is None:
            continue
        for row in rows:
            if (nik := _serials(base, row)) is not None:
                found[row[0]] = nik
    return found


def _keys_in(folder: Path) -> set[bytes]:
    """Every key an attacker could take from a folder: the empty key, each file's bytes, each file
    read as hex, and every run of 64 hex digits anywhere in any file."""
    keys = {b""}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        keys.add(raw)
        try:
            keys.add(bytes.fromhex(raw.decode("ascii").strip()))
        except (UnicodeDecodeError, ValueError):
            pass
        keys.update(bytes.fromhex(run.decode()) for run in re.findall(rb"[0-9a-fA-F]{64}", raw))
    return keys


def test_a_copy_of_the_data_folder_gives_back_no_nik_and_the_key_does(tmp_path, installation_key):
    daftar = fx.daftar_sukapura(tmp_path)
    data = tmp_path / "data"
    db_path = data / "readiness.duckdb"
    _ingest(db_path, daftar.path)
    clean = [v for v in daftar.voters if v.catatan == "bersih"]
    copy = tmp_path / "salinan"
    shutil.copytree(data, copy)  # what a backup, a stolen disk or a curious local user gets
    rows = _stored_rows(copy / "readiness.duckdb", [v.baris for v in clean])
    assert len(rows) == 20
    assert _recover(rows, _keys_in(copy)) == {}
    # The same attack with the key (kept outside the data folder) recovers every clean voter's NIK.
    assert _recover(rows, {privacy.read_key(installation_key)}) == {v.baris: v.nik for v in clean}


# --------------------------------------------------------------------------- where the key lives
def test_the_key_is_generated_outside_the_data_folder_private(tmp_path, monkeypatch, umask_022):
    monkeypatch.delenv(privacy.ENV_KEY)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db_path = tmp_path / "data" / "readiness.duckdb"
    key = privacy.installation_secret(db_path)
    path = tmp_path / "config" / "dasbor-pilkada" / "kunci"
    assert len(key) == 32 and privacy.read_key(path) == key
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700 and _mode(tmp_path / "config") == 0o700
    assert not (tmp_path / "data").exists()
    assert privacy.installation_secret(db_path) == key  # the same key at every use


def test_systemd_credential_is_used_when_present(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.ENV_KEY)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = tmp_path / "credentials"
    store.mkdir()
    (store / privacy.CREDENTIAL_NAME).write_text("ab" * 32 + "\n")
    os.chmod(store / privacy.CREDENTIAL_NAME, 0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(store))
    assert privacy.installation_secret(tmp_path / "data" / "readiness.duckdb") == bytes([0xAB] * 32)
    assert not (tmp_path / "config").exists()


@pytest.mark.parametrize(
    "content, mode, message",
    [
        (
            "",
            0o600,
            "Kunci instalasi {p} kosong; kunci kosong tidak dipakai. Buat kunci baru dengan "
            "`openssl rand -hex 32 > {p}` lalu `chmod 600 {p}` (hanya bila belum ada unggahan daftar pemilih; "
            "kunci baru tidak cocok dengan sidik NIK yang sudah tersimpan), atau pulihkan kunci dari cadangannya.",
        ),
        (
            "0123456789abcdef" * 2 + "\n",
            0o600,
            "Kunci instalasi {p} terlalu pendek (16 byte; minimal 32 byte = "
            "64 digit heksadesimal). Buat kunci baru dengan",
        ),
        (
            "rahasia-kami-yang-cukup-panjang-sekali-bukan-heksadesimal",
            0o600,
            "Kunci instalasi {p} bukan 64 digit heksadesimal.",
        ),
        (
            "ab" * 32,
            0o644,
            "Kunci instalasi {p} dapat dibaca atau diubah pengguna lain (izin 644); kunci itu tidak "
            "dipakai. Jalankan: chmod 600 {p}",
        ),
        (
            "ab" * 32,
            0o640,
            "Kunci instalasi {p} dapat dibaca atau diubah pengguna lain (izin 640); kunci itu tidak "
            "dipakai. Jalankan: chmod 600 {p}",
        ),
    ],
)
def test_a_weak_or_readable_key_is_refused_and_nothing_is_stored(tmp_path, key_at, capsys, content, mode, message):
    path = key_at("kunci")
    path.write_text(content)
    os.chmod(path, mode)
    daftar = fx.daftar_lumbang(tmp_path, fx.nik_untuk("01", fx.dt.date(1975, 8, 9), "L", 9010))
    db_path = tmp_path / "data" / "readiness.duckdb"
    with pytest.raises(privacy.KeyRefused) as refused:
        privacy.installation_secret(db_path)
    assert str(refused.value).startswith(message.format(p=path))
    assert cli.main(["ingest", str(daftar.path), "--db", str(db_path)]) == 1
    assert f"GALAT: {message.format(p=path)}" in capsys.readouterr().err
    con = db.connect_read(db_path)
    assert con.execute("select count(*) from raw_daftar").fetchone()[0] == 0
    con.close()
    assert path.read_text() == content  # a refused key is left for the admin, never replaced


def test_a_key_inside_the_data_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(privacy.ENV_KEY, str(tmp_path / "data" / "kunci"))
    with pytest.raises(privacy.KeyRefused, match="berada di folder data"):
        privacy.installation_secret(tmp_path / "data" / "readiness.duckdb")
    assert not (tmp_path / "data" / "kunci").exists()


# --------------------------------------------------------------------------- moving an old key out
def test_an_old_key_in_the_data_folder_is_moved_and_old_uploads_still_match(tmp_path, key_at, capsys, umask_022):
    daftar = fx.daftar_sukapura(tmp_path)
    db_path = tmp_path / "data" / "readiness.duckdb"
    first = key_at("lama/kunci")
    _ingest(db_path, daftar.path)
    # An installation of an older release: its key beside the database, as that release wrote it.
    legacy = db_path.parent / privacy.LEGACY_NAME
    legacy.write_text(first.read_text().strip())
    os.chmod(legacy, 0o644)
    original = privacy.read_key(first)
    shutil.rmtree(first.parent)
    new = key_at("etc/dasbor-pilkada/kunci")
    capsys.readouterr()
    twin = next(v.nik for v in daftar.voters if v.catatan == "nik_ganda_asli")
    _ingest(db_path, fx.daftar_lumbang(tmp_path, twin).path)
    err = capsys.readouterr().err
    assert f"Kunci instalasi dipindahkan dari {legacy} ke {new} (di luar folder data)." in err
    assert not legacy.exists()
    assert privacy.read_key(new) == original and _mode(new) == 0o600 and _mode(new.parent) == 0o700
    # The NIK of the new list hashes as the old upload's did: the copy across uploads is found.
    assert _nik_ganda(db_path) == {SUKAPURA: 2, LUMBANG: 1}
    # Said once: the next use finds nothing to move.
    privacy.installation_secret(db_path)
    assert "dipindahkan" not in capsys.readouterr().err


def test_an_old_key_equal_to_the_new_one_is_removed(tmp_path, key_at):
    new = key_at("kunci")
    key = privacy.installation_secret(tmp_path / "data" / "readiness.duckdb")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / privacy.LEGACY_NAME).write_text(key.hex())
    assert privacy.installation_secret(tmp_path / "data" / "readiness.duckdb") == key
    assert not (tmp_path / "data" / privacy.LEGACY_NAME).exists() and privacy.read_key(new) == key


def test_two_different_keys_are_refused_and_both_kept(tmp_path, key_at):
    new = key_at("kunci")
    new.write_text("cd" * 32)
    os.chmod(new, 0o600)
    legacy = tmp_path / "data" / privacy.LEGACY_NAME
    legacy.parent.mkdir()
    legacy.write_text("ab" * 32)
    with pytest.raises(privacy.KeyRefused) as refused:
        privacy.installation_secret(tmp_path / "data" / "readiness.duckdb")
    assert str(refused.value).startswith(
        f"Ada dua kunci instalasi yang berbeda: {legacy} (lama, di folder data) dan {new}. Sidik NIK dari kunci "
        f"yang satu tidak cocok dengan yang lain, jadi tidak ada yang dipakai."
    )
    assert f"mv {legacy} {new}" in str(refused.value)
    assert legacy.read_text() == "ab" * 32 and new.read_text() == "cd" * 32


# --------------------------------------------------------------------------- private files
def test_database_lock_reports_and_deck_are_private(tmp_path, umask_022):
    data = tmp_path / "data"
    db_path = data / "readiness.duckdb"
    assert cli.main(["demo", "--db", str(db_path)]) == 0
    assert _mode(data) == 0o700
    assert _mode(db_path) == 0o600 and _mode(Path(f"{db_path}.lock")) == 0o600
    _ingest(db_path, fx.daftar_sukapura(tmp_path).path)
    assert _mode(db_path) == 0o600
    reports = lapor.Layanan(lapor.lapor_path(db_path))
    reports.close()
    assert _mode(lapor.lapor_path(db_path)) == 0o600
    deck = tmp_path / "rakor.pptx"
    assert cli.main(["slides", "--db", str(db_path), "--out", str(deck)]) == 0
    assert _mode(deck) == 0o600
    leftovers = [p.name for p in data.iterdir() if ".tmp-" in p.name]
    assert leftovers == []
    assert {p.name: _mode(p) for p in data.iterdir() if p.is_file()} == {
        p.name: 0o600 for p in data.iterdir() if p.is_file()
    }


def test_an_older_world_readable_database_becomes_private(empty_db, umask_022):
    os.chmod(empty_db, 0o644)
    db.connect_read(empty_db).close()
    assert _mode(empty_db) == 0o600


@pytest.mark.parametrize("length", [32, 64, 65, 100])
def test_keyed_hash_is_hmac_sha256_cut_to_128_bits_for_any_key_length(length):
    secret = bytes(range(length))
    nik = "3513244303730004"
    assert privacy.keyed_hash(secret, nik) == hmac.new(secret, nik.encode(), hashlib.sha256).hexdigest()[:32]
