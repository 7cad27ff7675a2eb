"""Fixtures build real DuckDB files from real .xlsx files; no test shares a database it writes to."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness import cli, db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The bundled sample loaded once by `python -m readiness demo` (in-process)."""
    path = tmp_path_factory.mktemp("demo") / "readiness.duckdb"
    assert cli.main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture
def demo_db(demo_db_master, tmp_path) -> Path:
    """A private copy of the demo database (with its installation secret) a test may change."""
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(demo_db_master, path)
    shutil.copyfile(demo_db_master.parent / "secret.key", tmp_path / "secret.key")
    return path


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "readiness.duckdb"
    db.ensure_database(path)
    return path
