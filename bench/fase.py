"""Peak memory of each phase of one ingest, in the process that runs it: at each phase's start
and end the kernel's high-water mark of the resident set (VmHWM) is read and reset
(`/proc/self/clear_refs`, 5), so each phase's peak is its own, exact, not a sample.

Phases: `buka` (opening the file, finding the header and the kind), `baca+periksa` (the sheet
read in chunks and each chunk checked and staged), `temuan` (the file's own findings and the NIK
region check over the staged rows), `insert` (the rows inserted into the database), `audit`
(the stored audit tables recomputed in the same write), `lain` (the rest: copying and checkpointing
the database, closing)."""

from __future__ import annotations

import functools
import time
from pathlib import Path

_CLEAR = Path("/proc/self/clear_refs")


def _hwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Fase:
    def __init__(self):
        self.peaks: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self.current = "buka"
        self.since = time.perf_counter()
        _CLEAR.write_text("5")

    def switch(self, name: str) -> str:
        """End the current phase (its peak noted) and start `name`; returns the phase ended."""
        ended = self.current
        self.peaks[ended] = max(self.peaks.get(ended, 0.0), _hwm_mib())
        now = time.perf_counter()
        self.seconds[ended] = self.seconds.get(ended, 0.0) + now - self.since
        self.since = now
        _CLEAR.write_text("5")
        self.current = name
        return ended

    def wrap(self, owner, attr: str, name: str) -> None:
        inner = getattr(owner, attr)

        @functools.wraps(inner)
        def wrapped(*args, **kwargs):
            before = self.switch(name)
            try:
                return inner(*args, **kwargs)
            finally:
                self.switch(before if before != "buka" else "lain")

        setattr(owner, attr, wrapped)

    def done(self) -> dict[str, dict[str, float]]:
        """{phase: {"peak_mib": its peak, "seconds": its time}}."""
        self.switch("lain")
        return {k: {"peak_mib": round(v, 1), "seconds": round(self.seconds[k], 2)} for k, v in self.peaks.items()}


def install() -> Fase:
    """Hooks on the ingest's phases (before it runs); `.done()` gives each phase's peak in MiB."""
    from readiness import db, voterlist
    from readiness.ingest import batch
    from readiness.voterlist import temuan

    fase = Fase()
    fase.wrap(voterlist, "_parse", "baca+periksa")
    fase.wrap(voterlist, "_warn_findings", "temuan")
    fase.wrap(voterlist.wilayah, "check_nik", "temuan")
    fase.wrap(batch, "commit", "insert")
    fase.wrap(db, "_refresh_stored", "audit")
    del temuan
    return fase
