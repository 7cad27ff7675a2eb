"""The rakor deck as PDF: the HTML slides (as_html.dokumen) printed by headless Chromium, one
1920 x 1080 page (16:9 landscape) per slide, with real text a reader can search and copy.

Chromium is Debian's `/usr/bin/chromium` (or $CHROMIUM); it runs offline on a local file, with
a throw-away profile so two exports at once (the app and the command line) never share one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import as_html, parts

TIMEOUT = 120
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
]


class PdfError(RuntimeError):
    """The PDF could not be made; the message is for the user (Indonesian)."""


def chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def to_pdf(deck: parts.Deck) -> bytes:
    """The deck as a PDF file (bytes)."""
    browser = chromium()
    if browser is None:
        raise PdfError(
            "Chromium tidak ditemukan, jadi PDF tidak dapat dibuat. Pasang paket `chromium` "
            "(apt-get install chromium) atau unduh PPTX."
        )
    with tempfile.TemporaryDirectory(prefix="rakor-pdf-") as tmp:
        source = Path(tmp) / "rakor.html"
        target = Path(tmp) / "rakor.pdf"
        source.write_text(as_html.dokumen(deck), encoding="utf-8")
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(tmp) / 'profil'}", f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, cwd=tmp, env=dict(os.environ, HOME=tmp))
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium tidak selesai mencetak PDF dalam {TIMEOUT} detik; coba lagi.") from None
        if not target.exists() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["tanpa pesan"]
            raise PdfError(f"Chromium gagal mencetak PDF (kode {done.returncode}: {detail[0]}).")
        return target.read_bytes()


def simpan(deck: parts.Deck, path) -> None:
    data = to_pdf(deck)
    with open(path, "wb") as f:
        f.write(data)
