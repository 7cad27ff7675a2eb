"""The command-line contract, run as a user runs it: a subprocess on a fresh database file."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests import xlsx

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "kecamatan": [
        "kode_kecamatan",
        "kecamatan",
        "korwil",
        "dpt",
        "dpt_l",
        "dpt_p",
        "tps",
        "ktpel_wajib",
        "ktpel_rekam",
        "ktpel_persen",
        "target_partisipasi",
        "status",
    ],
    "korwil": ["korwil", "koordinator", "dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib", "ktpel_rekam", "status"],
    "desa": ["kode_desa", "desa", "kode_kecamatan", "kecamatan", "dpt", "dpt_l", "dpt_p", "tps"],
}


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "x.duckdb"
    done = cli("demo", "--db", path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return path


def test_report_kecamatan_csv(demo):
    done = cli("report", "--db", demo, "--level", "kecamatan", "--format", "csv")
    assert done.returncode == 0
    df = pd.read_csv(io.StringIO(done.stdout), dtype={"kode_kecamatan": str})
    assert len(df) == 24
    assert set(REQUIRED["kecamatan"]) <= set(df.columns)
    assert df["dpt"].sum() == 872218
    assert "872.218" not in done.stdout  # plain numbers, no separators
    assert df["target_partisipasi"].between(0, 100).all()


def test_report_korwil_and_desa_and_kabupaten(demo):
    korwil = pd.read_csv(io.StringIO(cli("report", "--db", demo, "--level", "korwil").stdout))
    assert len(korwil) == 3 and set(REQUIRED["korwil"]) <= set(korwil.columns)
    desa = pd.read_csv(io.StringIO(cli("report", "--db", demo, "--level", "desa").stdout))
    assert len(desa) == 330 and set(REQUIRED["desa"]) <= set(desa.columns) and desa["dpt"].sum() == 872218
    kab = json.loads(cli("report", "--db", demo, "--level", "kabupaten", "--format", "json").stdout)
    assert len(kab) == 1 and kab[0]["dpt"] == 872218 and kab[0]["tps"] == 1739


def test_report_json_missing_is_null(demo):
    rows = json.loads(
        cli("report", "--db", demo, "--level", "korwil", "--election", "pilkada-2018", "--format", "json").stdout
    )
    assert len(rows) == 3 and all(r["dpt"] is None for r in rows)


def test_ingest_bad_file_exits_nonzero_with_row_and_changes_nothing(demo, tmp_path):
    bad = xlsx.recap(tmp_path / "rekap kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, "3OO", 600)])
    before = demo.read_bytes()
    done = cli("ingest", bad, "--db", demo)
    assert done.returncode == 1
    assert (
        "rekap kraksaan.xlsx, sheet 'REKAP', baris 6, kolom F (JUMLAH PEMILIH / P): '3OO' bukan bilangan bulat"
        in done.stderr
    )
    assert "Tidak ada data yang disimpan" in done.stderr
    assert "Traceback" not in done.stderr
    assert demo.read_bytes() == before


def test_versions_lists_uploads(demo):
    done = cli("versions", "--db", demo)
    assert done.returncode == 0
    df = pd.read_csv(io.StringIO(done.stdout))
    assert sorted(df["kind"]) == ["daftar", "ktpel", "masalah", "pemilih", "target", "tps"]  # + the sample problems


def test_missing_file_and_unknown_election_are_explained(demo):
    done = cli("ingest", "/nonexistent/rekap.xlsx", "--db", demo)
    assert done.returncode == 1 and "tidak ditemukan" in done.stderr and "Traceback" not in done.stderr
    done = cli("report", "--db", demo, "--level", "kecamatan", "--election", "pilkada-2099")
    assert done.returncode == 1 and "tidak dikenal" in done.stderr
