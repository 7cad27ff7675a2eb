"""readiness.lapor.store: another process reading the reports while the server holds the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_another_process_cannot_open_it_while_the_server_holds_it(ctx):
    code = f"from readiness import lapor; print(lapor.baca_saja({str(ctx['path'])!r}) is None)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "True", out.stderr
