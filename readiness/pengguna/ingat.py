"""The sessions this process has checked, trusted for `INGAT_SESI` seconds without reading the
store again. Every change of an account or session made in this process empties it (`lupakan`): a
logout, a disabled account, a reset password or a changed area take effect at once here; a change
made by another process (the command line) after at most INGAT_SESI."""

from __future__ import annotations

import threading
import time

INGAT_SESI = 5.0

_lock = threading.Lock()
# (store, token hash) -> (monotonic time until which it is trusted, the user, last activity written)
_ingat: dict[tuple[str, str], tuple[float, object, float]] = {}
_generasi = 0


def lupakan() -> None:
    """Forget every session checked (called before and after any change of an account or session)."""
    global _generasi
    with _lock:
        _ingat.clear()
        _generasi += 1


def generasi() -> int:
    return _generasi


def cari(kunci: tuple[str, str]) -> tuple[object, float] | None:
    """(user, last activity written) of a session checked less than INGAT_SESI ago, or None."""
    with _lock:
        found = _ingat.get(kunci)
    if found is None or found[0] <= time.monotonic():
        return None
    return found[1], found[2]


def simpan(kunci: tuple[str, str], pengguna: object, terakhir: float, generasi_awal: int) -> None:
    """Remember a session checked valid, unless an account or session changed while it was read."""
    with _lock:
        if _generasi == generasi_awal:
            _ingat[kunci] = (time.monotonic() + INGAT_SESI, pengguna, terakhir)


def buang(kunci: tuple[str, str]) -> None:
    with _lock:
        _ingat.pop(kunci, None)
