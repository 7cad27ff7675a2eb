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


def provinsi_salinan(master: Path, path: Path) -> Path:
    """A copy of the province database `master` and its small-records store at `path`."""
    shutil.copyfile(master, path)
    catatan.salin(master, path)
    return path


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "readiness.duckdb"
    db.ensure_database(path)
    return path
