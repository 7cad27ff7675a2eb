"""Matching kecamatan and desa names as they are written in real files to Kemendagri codes.

Exports write the same place many ways: `KEC. KRAKSAAN`, `Kecamatan Kraksaan`, `kraksaan`,
`Banyu Anyar` for Banyuanyar, `Remba'an` / `Rembaan`. Names are compared on a key with case,
prefixes, punctuation and spaces removed, plus the known variants listed in `reference/`.
Desa are matched within their kecamatan: several desa names repeat across kecamatan. In a
province or the nation a kecamatan is matched within the kab/kota its row names, when it names one:
kecamatan names repeat across kab/kota.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

# Prefixes that precede a name in exports; longest first so `KECAMATAN` wins over `KEC`.
_PREFIXES = (
    "kecamatan",
    "kelurahan",
    "kec",
    "desa",
    "kel",
    "ds",
)
_PREFIX_RE = re.compile(r"^\s*(?:" + "|".join(_PREFIXES) + r")\b[\s.:]*", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


# What a name in plain ASCII keeps of itself: letters and digits (as _NON_ALNUM removes the rest);
# such a name not starting like a prefix has none to strip.
_NOT_KEPT = bytes(c for c in range(128) if not (48 <= c <= 57 or 97 <= c <= 122))
_PREFIX_STARTS = ("kec", "kel", "desa", "ds")


def name_key(name: str) -> str:
    """The comparison key of a place name: `KEC. Banyu-Anyar ` -> `banyuanyar`."""
    text = str(name).strip()
    if text.isascii() and not text.lower().startswith(_PREFIX_STARTS):  # most names: twice as fast
        return text.lower().encode().translate(None, _NOT_KEPT).decode()
    # Strip at most two stacked prefixes ("Desa Kel. X" happens in hand-made sheets).
    for _ in range(2):
        stripped = _PREFIX_RE.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            break
        text = stripped
    return _NON_ALNUM.sub("", text.lower())


@contextlib.contextmanager
def gc_paused():
    """Python's cycle collector paused (as timeit pauses it) while a gazetteer is built: the
    nation's 90.000 places hold no cycle, and the full collections their making set off cost half
    of the building."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Place:
    kode: str
    nama: str


class _Places(Mapping):
    """{kode: Place} over a plain {kode: nama}: each Place made when it is asked for."""

    def __init__(self, nama: dict[str, str]):
        self._nama = nama

    def __getitem__(self, kode: str) -> Place:
        return Place(kode, self._nama[kode])

    def __contains__(self, kode) -> bool:
        return kode in self._nama

    def __iter__(self):
        return iter(self._nama)

    def __len__(self) -> int:
        return len(self._nama)


# How many other kab/kota a message names before it only counts the rest.
_NAMED_ELSEWHERE = 5


class Gazetteer:
    """Known kecamatan and desa of the installation's region, with their variants, for name lookups.

    A name matches only a place of the region (a desa only within its kecamatan). A name the
    region has twice matches neither: the message names both, with their codes, and the code
    itself (`74.06.05`, `74.06.05.2001`) written in the cell matches."""

    def __init__(
        self, kecamatan, desa, kecamatan_alias=(), desa_alias=(), wilayah=None, wilayah_jenis=None, kabkota=None
    ):
        # kecamatan: iterable of (kode, nama); desa: iterable of (kode, nama, kode_kecamatan);
        # wilayah: (kode, nama) of the installation's region ('74.06', 'Kabupaten Bombana'), for messages;
        # wilayah_jenis: its kind (kabupaten | kota | provinsi | nasional), the word of its whole-region rows;
        # kabkota: {kode: nama} of the region's kab/kota, named beside a kecamatan the region has twice
        self.wilayah_kode, self.wilayah_nama = wilayah or (None, None)
        self.wilayah_jenis = wilayah_jenis or "kabupaten"
        self.kabkota: dict[str, str] = dict(kabkota or {})
        self.kecamatan: dict[str, Place] = {}
        self._kec_by_key: dict[str, list[str]] = {}
        for kode, nama in kecamatan:
            self.kecamatan[kode] = Place(kode, nama)
            self._kec_by_key.setdefault(name_key(nama), []).append(kode)
        for alias, kode in kecamatan_alias:
            self._kec_by_key.setdefault(name_key(alias), [kode])
        # The nation has 83.762 desa: built from columns with as few Python objects as can be (a
        # Place only when one is asked for, a name's key once per distinct name).
        self._desa_rows = desa = list(desa)  # for _desa_names, which only suggestions need
        codes, names, kecs = zip(*desa) if desa else ((), (), ())
        distinct = set(names)
        key_of = dict(zip(distinct, map(name_key, distinct)))
        pairs = list(zip(kecs, map(key_of.__getitem__, names)))
        self.desa: Mapping[str, Place] = _Places(dict(zip(codes, names)))
        # (kode_kecamatan, key) -> the codes of its desa, in the order given
        self._desa_by_key: dict[tuple[str, str], tuple[str, ...]] = dict(zip(pairs, zip(codes)))
        if len(self._desa_by_key) < len(pairs):  # a kecamatan with two desa of one key
            twice = {pair for pair, n in Counter(pairs).items() if n > 1}
            self._desa_by_key.update(dict.fromkeys(twice, ()))
            for pair, kode in zip(pairs, codes):
                if pair in twice:
                    self._desa_by_key[pair] += (kode,)
        for alias, kode in desa_alias:
            kode_kec = kode.rsplit(".", 1)[0]
            self._desa_by_key.setdefault((kode_kec, name_key(alias)), (kode,))
        self._place_keys = set(self._kec_by_key) | {key for _, key in self._desa_by_key}
        self._desa_keys: pa.Table | None = None

    def match_kecamatan(self, name: str, kabkota: str | None = None) -> str | None:
        """The code of a kecamatan of the region (of the kab/kota `kabkota` when given)."""
        code = str(name).strip()
        if code in self.kecamatan:
            return code if kabkota is None or code.startswith(kabkota + ".") else None
        found = self._kec_by_key.get(name_key(name), ())
        if kabkota is not None:
            found = [k for k in found if k.startswith(kabkota + ".")]
        return found[0] if len(found) == 1 else None

    def desa_keys(self) -> pa.Table:
        """Every (kode_kecamatan, key) match_desa looks a name's key up in, with its desa's code
        (null when the kecamatan has two desa of that key: such a name matches neither), for a
        join of many names at once."""
        if self._desa_keys is None:
            by_key = self._desa_by_key  # no tuple made per entry: they cost full collections
            self._desa_keys = pa.table(
                [
                    [kec for kec, _ in by_key],
                    [key for _, key in by_key],
                    [c[0] if len(c) == 1 else None for c in by_key.values()],
                ],
                schema=pa.schema([("kode_kecamatan", pa.string()), ("key", pa.string()), ("kode_desa", pa.string())]),
            )
        return self._desa_keys

    def knows(self, name: str) -> bool:
        """Whether `name` is a kecamatan or a desa of this region, in any kecamatan."""
        key = name_key(name)
        return bool(key) and key in self._place_keys

    def match_desa(self, kode_kecamatan: str, name: str) -> str | None:
        code = str(name).strip()
        if code in self.desa and code.rsplit(".", 1)[0] == kode_kecamatan:
            return code
        found = self._desa_by_key.get((kode_kecamatan, name_key(name)), ())
        return found[0] if len(found) == 1 else None

    def unknown_kecamatan(self, name: str, kabkota: str | None = None) -> str:
        """Why `name` is not a kecamatan here: the region has it twice, or it is a kecamatan of
        other kab/kota only (named), or it is unknown (with the closest names here). With
        `kabkota`: why it is not a kecamatan of that kab/kota."""
        if kabkota is not None:
            return self._unknown_in_kabkota(name, kabkota)
        twice = self._kec_by_key.get(name_key(name), ())
        if len(twice) > 1:
            if self.kabkota:
                named = ", ".join(f"{self.kecamatan[k].nama} ({self.kabkota.get(k[:5], k[:5])}, {k})" for k in twice)
                return (
                    f"kecamatan '{name}' ada {len(twice)} di {self.wilayah_nama or 'wilayah ini'}: {named}; "
                    "tulis kabupaten/kotanya di kolom Kabupaten/Kota, atau kode kecamatannya"
                )
            return (
                f"kecamatan '{name}' ada {len(twice)} di {self.wilayah_nama or 'wilayah ini'}: "
                f"{_candidates(self.kecamatan, twice)}; tulis kode kecamatannya"
            )
        elsewhere = kabkota_with_kecamatan(name, self.wilayah_kode) if self.wilayah_nama else []
        # A name that is a kecamatan elsewhere is rarely a typo: only a near-identical name here is offered.
        saran = self.suggest_kecamatan(name, cutoff=0.75 if elsewhere else 0.5)
        hint = f"; mungkin maksudnya: {', '.join(saran)}" if saran else ""
        if elsewhere:
            shown = ", ".join(elsewhere[:_NAMED_ELSEWHERE])
            more = len(elsewhere) - _NAMED_ELSEWHERE
            if more > 0:
                shown += f" dan {more} kabupaten/kota lain"
            return f"kecamatan '{name}' tidak ada di {self.wilayah_nama}; ada di {shown}{hint}"
        return f"kecamatan '{name}' tidak dikenal{hint}"

    def _unknown_in_kabkota(self, name: str, kabkota: str) -> str:
        nama = self.kabkota.get(kabkota, kabkota)
        inside = [k for k, p in self.kecamatan.items() if k.startswith(kabkota + ".")]
        elsewhere = [self.kabkota.get(k[:5], k[:5]) for k in self._kec_by_key.get(name_key(name), ())]
        if str(name).strip() in self.kecamatan:
            elsewhere = [self.kabkota.get(str(name).strip()[:5], "")]
        saran = _closest(name, [self.kecamatan[k].nama for k in inside], 3)
        hint = f"; kecamatan dengan nama ini ada di {', '.join(elsewhere)}" if elsewhere else ""
        hint += f"; mungkin maksudnya: {', '.join(saran)}" if saran else ""
        return f"kecamatan '{name}' tidak ada di {nama}{hint}"

    def unknown_desa(self, kode_kecamatan: str, name: str) -> str:
        """Why `name` is not a desa of this kecamatan: it has two of that name (named, with codes),
        or where it does exist, and close names."""
        kec = self.kecamatan[kode_kecamatan].nama
        key = name_key(name)
        twice = self._desa_by_key.get((kode_kecamatan, key), ())
        if len(twice) > 1:
            return (
                f"desa/kelurahan '{name}' ada {len(twice)} di Kecamatan {kec}: {_candidates(self.desa, twice)}; "
                "tulis kode desa/kelurahannya"
            )
        elsewhere = [
            self.kecamatan[k[:8]].nama
            for k, p in self.desa.items()
            if name_key(p.nama) == key and k[:8] != kode_kecamatan
        ]
        saran = self.suggest_desa(kode_kecamatan, name)
        hint = ""
        if elsewhere:
            hint += f"; desa dengan nama ini ada di Kecamatan {', '.join(elsewhere)}"
        if saran:
            hint += f"; mungkin maksudnya: {', '.join(saran)}"
        return f"desa/kelurahan '{name}' tidak ada di Kecamatan {kec}{hint}"

    def suggest_kecamatan(self, name: str, n: int = 3, cutoff: float = 0.5) -> list[str]:
        return _closest(name, [p.nama for p in self.kecamatan.values()], n, cutoff)

    @functools.cached_property
    def _desa_names(self) -> dict[str, list[str]]:
        """The desa names of each kecamatan, in the order given."""
        names: dict[str, list[str]] = {}
        for _, nama, kode_kec in self._desa_rows:
            names.setdefault(kode_kec, []).append(nama)
        return names

    def suggest_desa(self, kode_kecamatan: str, name: str, n: int = 3) -> list[str]:
        return _closest(name, self._desa_names.get(kode_kecamatan, []), n)


def _candidates(places: dict[str, Place], codes) -> str:
    return ", ".join(f"{places[k].nama} ({k})" for k in codes)


@functools.lru_cache(maxsize=1)
def _national_kecamatan() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every kecamatan of the national reference by name key -> its kab/kota codes, and the
    kab/kota names by code."""
    from reference import nasional

    by_key: dict[str, list[str]] = {}
    for row in nasional.rows("kecamatan", nasional.NASIONAL):
        codes = by_key.setdefault(name_key(row["kecamatan"]), [])
        if row["kode_kabkota"] not in codes:
            codes.append(row["kode_kabkota"])
    names = {row["kode_kabkota"]: row["kabkota"] for row in nasional.rows("kabkota", nasional.NASIONAL)}
    return by_key, names


def kabkota_codes_with_kecamatan(name: str, except_wilayah: str | None = None) -> list[str]:
    """The codes of the kab/kota (in code order) outside `except_wilayah` that have a kecamatan of
    this name: 'Kuripan' -> 35.13, 52.01, 63.04."""
    key = name_key(name)
    if not key:
        return []
    by_key, _ = _national_kecamatan()
    inside = (except_wilayah + ".") if except_wilayah else None
    return [
        k for k in by_key.get(key, ()) if not (inside and ((k + ".").startswith(inside) or inside.startswith(k + ".")))
    ]


def kabkota_with_kecamatan(name: str, except_wilayah: str | None = None) -> list[str]:
    """The kab/kota (names, in code order) outside `except_wilayah` that have a kecamatan of this
    name: 'Kuripan' -> Kabupaten Probolinggo, Kabupaten Lombok Barat, Kabupaten Barito Kuala."""
    _, names = _national_kecamatan()
    return [names[k] for k in kabkota_codes_with_kecamatan(name, except_wilayah)]


def _closest(name: str, candidates: list[str], n: int, cutoff: float = 0.5) -> list[str]:
    by_key = {name_key(c): c for c in candidates}
    found = difflib.get_close_matches(name_key(name), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in found]
