"""The shared names under one module, for a page not yet written against the modules of this
package (pages/unggah.py): `common.wajib` is app.sesi.wajib, `common.unduh` is app.ekspor.unduh,
and so on. Looked up on every use, so the module that holds a name stays the only place it lives."""
from __future__ import annotations

from app import baca, ekspor, layar, markdown, sesi

_MODULES = (sesi, baca, layar, ekspor, markdown)


def __getattr__(name: str):
    for module in _MODULES:
        if not name.startswith("_") and hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module 'app.common' has no attribute {name!r}")
