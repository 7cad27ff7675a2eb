"""The shipped systemd units (deploy/systemd) pass `systemd-analyze verify`: every directive known
and well formed, the timer's service there, the programs they start executable.

The units start the app from /opt/dasbor-pilkada/.venv (deploy/DEPLOY.md); here that folder does not
exist, so the units are checked as copies naming this checkout's virtualenv instead. systemd-analyze
reports a directive it cannot parse on its output but still exits 0: the output must be empty.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
INSTALLED_VENV = "/opt/dasbor-pilkada/.venv/"
ANALYZE = shutil.which("systemd-analyze")


def _verify(folder: Path) -> subprocess.CompletedProcess:
    units = sorted(str(p) for p in folder.iterdir() if p.suffix in (".service", ".timer"))
    return subprocess.run(
        [ANALYZE, "verify", "--man=no", *units], capture_output=True, text=True, timeout=60, check=False
    )


def _copies(tmp_path: Path) -> Path:
    venv = Path(sys.prefix)
    assert (venv / "bin" / "streamlit").exists(), "streamlit is not installed in this virtualenv"
    for unit in UNITS.iterdir():
        text = unit.read_text(encoding="utf-8").replace(INSTALLED_VENV, f"{venv}/")
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze not installed (Debian package systemd)")
def test_units_pass_systemd_analyze_verify(tmp_path):
    folder = _copies(tmp_path)
    assert {p.name for p in folder.iterdir()} >= {"dasbor.service", "dasbor-cadangan.service", "dasbor-cadangan.timer"}
    done = _verify(folder)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze not installed (Debian package systemd)")
def test_a_misspelt_directive_value_is_reported(tmp_path):
    folder = _copies(tmp_path)
    unit = folder / "dasbor.service"
    unit.write_text(unit.read_text(encoding="utf-8").replace("OOMPolicy=continue", "OOMPolicy=lanjut"))
    done = _verify(folder)
    assert "Failed to parse OOM policy" in done.stdout + done.stderr
