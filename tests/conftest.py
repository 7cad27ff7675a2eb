"""Fixtures build real DuckDB files from real .xlsx files; no test shares a database it writes to."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from readiness import catatan, cli, db, privacy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def installation_key(tmp_path_factory) -> Path:
    """The installation key of every test, and of every CLI or `streamlit run` subprocess (they
    inherit the environment): a file in a temporary folder, never the developer's own key."""
    path = tmp_path_factory.mktemp("kunci") / "kunci"
    patch = pytest.MonkeyPatch()
    patch.setenv(privacy.ENV_KEY, str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes():
    """Passwords set in the tests' own process are hashed with argon2id at its smallest cost (the
    app's 64 MiB, three passes take ~0,2 s of CPU each, and the suite makes hundreds). Servers the
    tests start hash with the app's settings, and rehash such a password at its first login."""
    from argon2 import PasswordHasher

    from readiness.pengguna import sandi

    patch = pytest.MonkeyPatch()
    patch.setattr(sandi, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The bundled sample loaded once by `python -m readiness demo` (in-process)."""
    path = tmp_path_factory.mktemp("demo") / "readiness.duckdb"
    assert cli.main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture
def demo_db(demo_db_master, tmp_path) -> Path:
    """A private copy of the demo database and its small-records store (problems) a test may
    change (the key is the session's)."""
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(demo_db_master, path)
    catatan.salin(demo_db_master, path)
    return path


@pytest.fixture(scope="session")
def provinsi_master(tmp_path_factory) -> Path:
    """Provinsi Sulawesi Tenggara just set up by `init --wilayah 74` (in-process), once: take a
    copy (provinsi_salinan) before writing to it."""
    path = tmp_path_factory.mktemp("provinsi") / "sultra.duckdb"
    with contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="session")
def nasional_master(tmp_path_factory) -> Path:
    """Indonesia just set up by `init --wilayah nasional` (in-process), once: take a copy
    (provinsi_salinan) before writing to it."""
    path = tmp_path_factory.mktemp("nasional") / "indonesia.duckdb"
    with contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["init", "--wilayah", "nasional", "--db", str(path)]) == 0
    return path


def provinsi_salinan(master: Path, path: Path) -> Path:
    """A copy of the province's or the nation's database `master` and its small-records store at
    `path`."""
    shutil.copyfile(master, path)
    catatan.salin(master, path)
    return path


@pytest.fixture(scope="session")
def empty_db_master(tmp_path_factory) -> Path:
    """A database just created by `db.ensure_database` (the schema, every migration, the views,
    the sample region's places), once: creating one takes ~0,3 s of CPU, a copy milliseconds."""
    path = tmp_path_factory.mktemp("kosong") / "readiness.duckdb"
    db.ensure_database(path)
    return path


@pytest.fixture
def empty_db(empty_db_master, tmp_path) -> Path:
    """A private copy of a just-created database and its small-records store, as
    `db.ensure_database` leaves them (the file's private mode too)."""
    path = tmp_path / "readiness.duckdb"
    shutil.copy(empty_db_master, path)
    catatan.salin(empty_db_master, path)
    return path


# The files that take longest (`pytest --durations=0`, setup included), longest first. `make test`
# hands whole files to its two workers in the order of the collection (--no-loadscope-reorder): these
# go first, so that no long file is left for the end while the other worker has nothing to do. The
# other files follow in pytest's own order.
LONGEST_FIRST = [
    "tests/test_ingest_workbook.py",
    "tests/test_wilayah_init.py",
    "tests/test_ingest_messy.py",
    "tests/test_ingest_region.py",
    "tests/e2e/test_provinsi_e2e.py",
    "tests/e2e/test_presentasi_e2e.py",
    "tests/e2e/test_pagi_sibuk_e2e.py",
    "tests/e2e/test_unggah_e2e.py",
    "tests/e2e/test_wilayah_e2e.py",
    "tests/e2e/test_pages_e2e.py",
    "tests/test_db.py",
    "tests/test_ingest.py",
    "tests/test_deck_nasional.py",
    "tests/test_audit.py",
    "tests/e2e/test_masuk_e2e.py",
    "tests/test_ingest_pekerja.py",
    "tests/test_ingest_chunks.py",
    "tests/test_ingest_property.py",
    "tests/test_audit_privacy.py",
    "tests/test_cadangan.py",
    "tests/pages/test_wilayah_baru.py",
    "tests/test_checks.py",
    "tests/e2e/test_proxy_e2e.py",
    "tests/test_pengguna.py",
    "tests/e2e/test_masalah_e2e.py",
    "tests/test_privacy.py",
    "tests/test_deck.py",
    "tests/test_kontes.py",
    "tests/e2e/test_unggah_batal_e2e.py",
    "tests/test_cli.py",
    "tests/test_masuk.py",
    "tests/test_jejak.py",
    "tests/test_wilayah_provinsi.py",
    "tests/pages/test_provinsi.py",
    "tests/pages/test_akses.py",
    "tests/pages/test_unggah.py",
    "tests/test_masalah.py",
    "tests/test_kpu_rekap.py",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(
        key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank))
    )  # stable: each file's own order kept
