"""Matching kecamatan and desa names as they are written in real files to Kemendagri codes.

Exports write the same place many ways: `KEC. KRAKSAAN`, `Kecamatan Kraksaan`, `kraksaan`,
`Banyu Anyar` for Banyuanyar, `Remba'an` / `Rembaan`. Names are compared on a key with case,
prefixes, punctuation and spaces removed, plus the known variants listed in `reference/`.
Desa are matched within their kecamatan: several desa names repeat across kecamatan.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Prefixes that precede a name in exports; longest first so `KECAMATAN` wins over `KEC`.
_PREFIXES = (
    "kecamatan", "kelurahan", "kec", "desa", "kel", "ds",
)
_PREFIX_RE = re.compile(r"^\s*(?:" + "|".join(_PREFIXES) + r")\b[\s.:]*", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The comparison key of a place name: `KEC. Banyu-Anyar ` -> `banyuanyar`."""
    text = str(name).strip()
    # Strip at most two stacked prefixes ("Desa Kel. X" happens in hand-made sheets).
    for _ in range(2):
        stripped = _PREFIX_RE.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            break
        text = stripped
    return _NON_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class Place:
    kode: str
    nama: str


class Gazetteer:
    """Known kecamatan and desa of one kabupaten, with their variants, for name lookups."""

    def __init__(self, kecamatan, desa, kecamatan_alias=(), desa_alias=()):
        # kecamatan: iterable of (kode, nama); desa: iterable of (kode, nama, kode_kecamatan)
        self.kecamatan: dict[str, Place] = {}
        self._kec_by_key: dict[str, str] = {}
        for kode, nama in kecamatan:
            self.kecamatan[kode] = Place(kode, nama)
            self._kec_by_key[name_key(nama)] = kode
        for alias, kode in kecamatan_alias:
            self._kec_by_key.setdefault(name_key(alias), kode)
        self.desa: dict[str, Place] = {}
        self._desa_by_key: dict[tuple[str, str], str] = {}
        self._desa_names: dict[str, list[str]] = {}
        for kode, nama, kode_kec in desa:
            self.desa[kode] = Place(kode, nama)
            self._desa_by_key[(kode_kec, name_key(nama))] = kode
            self._desa_names.setdefault(kode_kec, []).append(nama)
        for alias, kode in desa_alias:
            kode_kec = kode.rsplit(".", 1)[0]
            self._desa_by_key.setdefault((kode_kec, name_key(alias)), kode)
        self._place_keys = set(self._kec_by_key) | {key for _, key in self._desa_by_key}

    def match_kecamatan(self, name: str) -> str | None:
        return self._kec_by_key.get(name_key(name))

    def knows(self, name: str) -> bool:
        """Whether `name` is a kecamatan or a desa of this region, in any kecamatan."""
        key = name_key(name)
        return bool(key) and key in self._place_keys

    def match_desa(self, kode_kecamatan: str, name: str) -> str | None:
        return self._desa_by_key.get((kode_kecamatan, name_key(name)))

    def unknown_kecamatan(self, name: str) -> str:
        """Why `name` is not a kecamatan, with the closest known names."""
        saran = self.suggest_kecamatan(name)
        hint = f"; mungkin maksudnya: {', '.join(saran)}" if saran else ""
        return f"kecamatan '{name}' tidak dikenal{hint}"

    def unknown_desa(self, kode_kecamatan: str, name: str) -> str:
        """Why `name` is not a desa of this kecamatan: where it does exist, and close names."""
        kec = self.kecamatan[kode_kecamatan].nama
        key = name_key(name)
        elsewhere = [self.kecamatan[k[:8]].nama for k, p in self.desa.items()
                     if name_key(p.nama) == key and k[:8] != kode_kecamatan]
        saran = self.suggest_desa(kode_kecamatan, name)
        hint = ""
        if elsewhere:
            hint += f"; desa dengan nama ini ada di Kecamatan {', '.join(elsewhere)}"
        if saran:
            hint += f"; mungkin maksudnya: {', '.join(saran)}"
        return f"desa/kelurahan '{name}' tidak ada di Kecamatan {kec}{hint}"

    def suggest_kecamatan(self, name: str, n: int = 3) -> list[str]:
        return _closest(name, [p.nama for p in self.kecamatan.values()], n)

    def suggest_desa(self, kode_kecamatan: str, name: str, n: int = 3) -> list[str]:
        return _closest(name, self._desa_names.get(kode_kecamatan, []), n)


def _closest(name: str, candidates: list[str], n: int) -> list[str]:
    by_key = {name_key(c): c for c in candidates}
    found = difflib.get_close_matches(name_key(name), list(by_key), n=n, cutoff=0.5)
    return [by_key[k] for k in found]
