"""Refused files in the audit trail: which file, of what kind, for which election, and why —
without a cell's value. A message may quote what a cell holds (a NIK, a name in a per-voter
list); the trail keeps where the problem is and what kind of problem it is, never the value
(UU 27/2022: nothing identifying in logs). Written to the small-records store (readiness/catatan.py)
in milliseconds, never waiting for an upload and never changing the data version."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from .. import catatan, jejak

if TYPE_CHECKING:
    from .batch import Batch
    from .result import FileResult, Problem

log = logging.getLogger(__package__)

AKSI = "unggah_ditolak"
ALASAN_DICATAT = 5  # reasons kept per refused file; the count says how many there were
_KUTIPAN = re.compile(r"'[^']*'")  # a quoted cell value: `'3513014107890001' bukan …`
_ANGKA_PANJANG = re.compile(r"\d{8,}")  # a NIK, NKK or NIP written without quotes


def alasan(problem: Problem) -> str:
    """One reason as the trail keeps it: `sheet 'REKAP', baris 7–27 (21 baris), kolom B
    (KECAMATAN): kecamatan '…' tidak dikenal` (quoted values and long numbers left out)."""
    where = problem.tempat()
    message = _ANGKA_PANJANG.sub("…", _KUTIPAN.sub("'…'", problem.message))
    return (", ".join(where) + ": " if where else "") + message


def rincian(result: FileResult, election: str) -> dict:
    """What the trail says of one refused file."""
    errors = result.errors
    shown = [alasan(p) for p in errors[:ALASAN_DICATAT]]
    return {
        "pemilihan": election,
        "jenis": result.kind or "tidak dikenali",
        "masalah": len(errors) + result.hidden_problems,
        "alasan": " | ".join(shown),
        "sha256": result.sha256,
    }


def catat(db_path, batch: Batch, pelaku, *, kecuali: set[tuple] | None = None) -> list[tuple]:
    """Record each refused file of `batch` as done by `pelaku`, in one transaction of the store;
    the files in `kecuali` ((file name, sha256) already recorded) are left out. Returns the
    (file name, sha256) recorded. A store busy beyond its wait leaves a line in the server log
    (file name only) instead of failing the upload's preview."""
    refused = [r for r in batch.results if r.errors and (r.file_name, r.sha256) not in (kecuali or set())]
    if not refused:
        return []
    try:
        with catatan.tulis(db_path) as con:
            for result in refused:
                jejak.catat(con, pelaku, AKSI, result.file_name, rincian=rincian(result, batch.election))
    except catatan.Sibuk:
        log.warning(
            "unggahan ditolak tidak tercatat di jejak audit (catatan sibuk): %s",
            ", ".join(r.file_name for r in refused),
        )
        return []
    return [(r.file_name, r.sha256) for r in refused]
