"""Which region a file is for, against the region this installation serves (the `wilayah` table).

Kecamatan names repeat across Indonesia: Lumbang, Kuripan and Sumber are kecamatan of several
kabupaten. A KTP-el sheet of Kabupaten Pasuruan with a row for its Lumbang would otherwise be
read as this region's Lumbang. A file says whose it is in three places: the title rows above its
header (`REKAPITULASI DPT PILKADA 2024 KABUPATEN PASURUAN`), a kab/kota or province column, and,
in a per-voter list, the NIKs (2 digits province, 2 kab/kota). When one of them names another
region the file is refused, naming both; a file that names no region is read as before.

Only a kab/kota or province of the national list (reference/kabkota.csv) counts, and in a title
only after the word that makes it one (`KABUPATEN`, `KAB.`, `KOTA`, `PROVINSI`): `KOTA` alone, the
kecamatan `Kota Anyar` or `KPU KABUPATEN PROBOLINGGO` (this region) never refuse a file.
`Kota Probolinggo` and `Kabupaten Probolinggo` are two regions. This region's own province named
in a title is no other region.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc

from .. import fmt
from ..ingest.cells import is_blank
from ..ingest.workbook import column_letter
from ..names import kabkota_codes_with_kecamatan, name_key

# The words that make the name after them a kab/kota or a province, as written in titles
# (after upper-casing and punctuation to spaces: `KAB.` is `KAB`).
KABUPATEN = ("KABUPATEN", "KAB")
KOTA = ("KOTA", "KOTAMADYA", "KOTAMADIA")
PROVINSI = ("PROVINSI", "PROPINSI", "PROV")
# After these a `KOTA …` is a place inside the region (Kecamatan Kota Anyar), not a kab/kota.
_BUKAN_AWALAN = ("KECAMATAN", "KEC", "DESA", "DS", "KELURAHAN", "KEL", "DUSUN", "JALAN", "JL")
# Abbreviations written in names (`Kab. Kep. Siau …`, `Kota Adm. Jakarta Pusat`).
_SINGKATAN = {"KEP": "KEPULAUAN", "ADM": "ADMINISTRASI"}
_PANJANG_MAKS = 6  # words in the longest kab/kota or province name (Kepulauan Siau Tagulandang Biaro)

# Headers of a column that holds the kab/kota or the province of each row.
KOLOM_KABKOTA = {
    "KAB KOTA",
    "KABUPATEN KOTA",
    "KOTA KABUPATEN",
    "KABKOTA",
    "KABUPATEN",
    "KAB",
    "KOTA",
    "NAMA KABUPATEN",
    "NAMA KAB KOTA",
    "NAMA KABUPATEN KOTA",
    "NAMA KOTA",
}
KOLOM_PROVINSI = {"PROVINSI", "PROPINSI", "PROV", "NAMA PROVINSI"}

_KODE_RE = re.compile(r"^(\d{2})\.?(\d{2})?$")
VARIAN_CSV = Path(__file__).resolve().parents[2] / "reference" / "kabkota_name_variants.csv"


@functools.cache
def varian_kabkota() -> tuple[tuple[str, str], ...]:
    """(name as files write it, Kemendagri code) of reference/kabkota_name_variants.csv."""
    with VARIAN_CSV.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((r["nama"], r["kode"]) for r in rows)


def _kata(text) -> list[str]:
    """Words of a text as compared: upper case, punctuation as spaces, abbreviations written out."""
    words = re.sub(r"[^0-9A-Z]+", " ", str(text).upper()).split()
    return [_SINGKATAN.get(w, w) for w in words]


def _kunci(words) -> str:
    """The comparison key of some words: `TOLI TOLI` and `TOLITOLI` are one name."""
    return "".join(words)


@dataclass(frozen=True)
class Tempat:
    """A region a file names: its codes (one, or two when a bare name fits a kabupaten and a kota)."""

    kode: tuple[str, ...]
    nama: str  # as shown: 'Kabupaten Pasuruan', 'Kabupaten Pasuruan atau Kota Pasuruan', 'Provinsi Jawa Tengah'


@dataclass
class Wilayah:
    """The installation's region and the national list of provinces and kab/kota."""

    kode: str  # '35.13' (a kab/kota), '35' (a province) or 'nasional'
    nama: str  # 'Kabupaten Probolinggo'
    tingkat: str  # 'kabkota' | 'provinsi' | 'nasional'
    kode_provinsi: str | None
    kabkota: dict[str, str]  # kode -> nama ('35.14' -> 'Kabupaten Pasuruan')
    provinsi: dict[str, str]  # kode -> nama ('33' -> 'Jawa Tengah')
    _indeks: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        kab: dict[str, list[str]] = {}
        kota: dict[str, list[str]] = {}
        for kode, nama in self.kabkota.items():
            jenis, *rest = _kata(nama)
            target = kota if jenis == "KOTA" else kab
            keys = {_kunci(rest)}
            if rest[:1] == ["ADMINISTRASI"]:  # `Kota Administrasi Jakarta Pusat` is written `Kota Jakarta Pusat`
                keys.add(_kunci(rest[1:]))
            for key in keys:
                target.setdefault(key, []).append(kode)
        for nama, kode in varian_kabkota():  # former names, other spellings (`TOBA SAMOSIR`)
            if kode not in self.kabkota:
                continue
            words = _kata(nama)
            if words[0] in KABUPATEN + KOTA:
                words = words[1:]
            target = kota if int(kode[3:5]) >= 71 else kab
            if kode not in target.get(_kunci(words), []):
                target.setdefault(_kunci(words), []).append(kode)
        prov: dict[str, list[str]] = {}
        for kode, nama in self.provinsi.items():
            words = _kata(nama)
            keys = {_kunci(words)}
            # `Daerah Khusus Ibukota Jakarta` is written `DKI Jakarta`; `Daerah Istimewa Yogyakarta` `DI Yogyakarta`
            for long, short in (
                (["DAERAH", "KHUSUS", "IBUKOTA"], "DKI"),
                (["DAERAH", "KHUSUS"], "DK"),
                (["DAERAH", "ISTIMEWA"], "DI"),
            ):
                if words[: len(long)] == long:
                    keys |= {short + _kunci(words[len(long) :]), _kunci(words[len(long) :])}
            for key in keys:
                prov.setdefault(key, []).append(kode)
        self._indeks = {"kabupaten": kab, "kota": kota, "provinsi": prov}

    # ----------------------------------------------------------------- what is this region's
    def milik(self, kode: str) -> bool:
        """Whether a kab/kota or province code is this region, inside it, or (for a kab/kota
        installation) its own province."""
        if self.tingkat == "nasional":
            return True
        return kode == self.kode or kode.startswith(self.kode + ".") or kode == self.kode_provinsi

    def tempat(self, kode: list[str]) -> Tempat:
        """The region of these codes, named as shown to users."""
        names = [self.kabkota.get(k) or f"Provinsi {self.provinsi[k]}" for k in kode]
        return Tempat(tuple(kode), " atau ".join(names))

    def lain(self, tempat: Tempat | None) -> bool:
        """Whether a named region is another region than this one (none of its readings is this)."""
        return tempat is not None and not any(self.milik(k) for k in tempat.kode)

    # ----------------------------------------------------------------- reading names
    def _cocok(self, indeks: tuple[str, ...], words: list[str], start: int) -> tuple[list[str], int] | None:
        """The longest name in the indexes `indeks` written from words[start]: (codes, words used)."""
        for n in range(min(_PANJANG_MAKS, len(words) - start), 0, -1):
            key = _kunci(words[start : start + n])
            found = [k for name in indeks for k in self._indeks[name].get(key, [])]
            if found:
                return found, n
        return None

    def di_judul(self, text) -> list[Tempat]:
        """The kab/kota and provinces a title names, each after its `KABUPATEN`/`KAB.`/`KOTA`/
        `PROVINSI`: `DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. PASURUAN` -> Kabupaten Pasuruan."""
        words = _kata(text)
        found: list[Tempat] = []
        i = 0
        while i < len(words):
            word = words[i]
            indeks = (
                "kabupaten"
                if word in KABUPATEN
                else "kota"
                if word in KOTA
                else "provinsi"
                if word in PROVINSI
                else None
            )
            if indeks is None or (i and words[i - 1] in _BUKAN_AWALAN):
                i += 1
                continue
            used = 1
            match = self._cocok((indeks,), words, i + 1)
            if match is None and word in KABUPATEN:
                # `KABUPATEN/KOTA : PROBOLINGGO` (KPU forms), `KABUPATEN DAN KOTA PROBOLINGGO` (a
                # file for both): a kabupaten or a kota of that name
                after = words[i + 1 : i + 3]
                used = (
                    2
                    if after[:1] and after[0] in KOTA
                    else 3
                    if after[:1] == ["DAN"] and after[1:] and after[1] in KOTA
                    else 1
                )
                if used > 1:
                    match = self._cocok(("kabupaten", "kota"), words, i + used)
            if match is None:
                i += 1
                continue
            found.append(self.tempat(match[0]))
            i += used + match[1]
        return found

    def di_sel(self, value, jenis: str) -> Tempat | None:
        """The region a whole cell of a kab/kota (`jenis` 'kabkota') or province ('provinsi')
        column names: `KAB. PASURUAN`, `Kota Probolinggo`, `PASURUAN` (a kabupaten or a kota),
        `35.14`; None when the cell is not such a name."""
        if value is None:
            return None
        text = str(value).strip()
        code = _KODE_RE.match(text)
        if code:
            kode = code.group(1) + (f".{code.group(2)}" if code.group(2) else "")
            if kode in self.kabkota or (kode in self.provinsi and jenis == "provinsi"):
                return self.tempat([kode])
            return None
        words = _kata(text)
        if not words:
            return None
        if jenis == "provinsi":
            if words[0] in PROVINSI:
                words = words[1:]
            found = self._indeks["provinsi"].get(_kunci(words))
            return self.tempat(found) if found else None
        kab_kota = words[0] in KABUPATEN and words[1:2] and words[1] in KOTA
        if kab_kota and _kunci(words[1:]) not in self._indeks["kabupaten"]:
            choices = ("kabupaten", "kota")  # `KAB/KOTA PROBOLINGGO`
            words = words[2:]
        elif words[0] in KABUPATEN:
            choices = ("kabupaten",)
            words = words[1:]
        elif words[0] in KOTA and len(words) > 1 and _kunci(words) not in self._indeks["kabupaten"]:
            choices = ("kota",)  # `Kotabaru` and `Kota Baru` are a kabupaten; `Kota Batu` is a kota
            words = words[1:]
        else:
            choices = ("kabupaten", "kota")
        found = [k for c in choices for k in self._indeks[c].get(_kunci(words), [])]
        return self.tempat(found) if found else None

    def mirip_kabkota(self, value, n: int = 3) -> list[str]:
        """The kab/kota of this region whose names (or known variants) come closest to a cell that
        names none, as shown to users with their codes: `Kabupaten Toba (12.12)`."""
        words = _kata(value)
        if words[:1] and words[0] in KABUPATEN + KOTA and len(words) > 1:
            words = words[1:]
        keys: dict[str, set[str]] = {}
        for jenis in ("kabupaten", "kota"):
            for key, kode in self._indeks[jenis].items():
                for k in kode:
                    if self.milik(k):
                        keys.setdefault(key, set()).add(k)
        found: list[str] = []
        for key in difflib.get_close_matches(_kunci(words), list(keys), n=2 * n, cutoff=0.6):
            found += [k for k in sorted(keys[key]) if k not in found]
        return [f"{self.kabkota[k]} ({k})" for k in found[:n]]

    def penolakan(self, tempat: Tempat, subjek: str = "berkas ini") -> str:
        return f"{subjek} untuk {tempat.nama}, sedangkan dasbor ini untuk {self.nama}"


def load(con) -> Wilayah | None:
    """This installation's region from the database (None when it has none recorded)."""
    row = con.execute("select kode, nama, tingkat, kode_provinsi from wilayah limit 1").fetchone()
    if row is None:
        return None
    kabkota = dict(con.execute("select kode, nama from ref_kabkota order by kode").fetchall())
    provinsi = dict(con.execute("select distinct kode_provinsi, provinsi from ref_kabkota order by 1").fetchall())
    return Wilayah(row[0], row[1], row[2], row[3], kabkota, provinsi)


# --------------------------------------------------------------------------- checks of a file
def check_titles(result, layouts, region: Wilayah) -> bool:
    """Refuse (add an error to `result`, return True) when a title row above a header names
    another region."""
    for lay in layouts:
        for r, row in enumerate(lay.sheet.rows[: lay.header_row]):
            for c, value in enumerate(row):
                if not isinstance(value, str):
                    continue
                other = next((t for t in region.di_judul(value) if region.lain(t)), None)
                if other is not None:
                    result.add(
                        "galat",
                        f"{region.penolakan(other)} (judul '{value.strip()}')",
                        lay.sheet.name,
                        r + 1,
                        column_letter(c),
                    )
                    return True
    return False


def region_columns(layout) -> list[tuple[int, str]]:
    """(column, 'kabkota' | 'provinsi') of a layout's columns that hold each row's kab/kota or
    province (not one of the kind's own fields but the recap's `kabkota`)."""
    found = []
    for col, name in enumerate(layout.names):
        if (col in layout.columns and layout.columns[col] != "kabkota") or not name:
            continue
        for candidate in (name, name.split(" / ", 1)[-1]):
            header = " ".join(_kata(candidate))
            if header in KOLOM_KABKOTA:
                found.append((col, "kabkota"))
                break
            if header in KOLOM_PROVINSI:
                found.append((col, "provinsi"))
                break
    return found


def _kolom_wilayah(lay, columns: dict) -> list[tuple[int, str]]:
    """(column, 'kabkota' | 'provinsi' | 'kecamatan') of a layout's columns that can name a region."""
    if id(lay) not in columns:
        cols = region_columns(lay)
        kec = next((c for c, f in lay.columns.items() if f == "kecamatan"), None)
        if kec is not None:
            cols.append((kec, "kecamatan"))
        columns[id(lay)] = cols
    return columns[id(lay)]


def _tempat_baris(region: Wilayah, gaz, lay, i: int, cols) -> tuple[Tempat | None, int, str, bool]:
    """The first region a data row names that is not this one, its column and the column's jenis,
    and whether the row named this region before it: (None, -1, '', named) when it names no other."""
    row = lay.sheet.rows[i]
    ours = False
    for col, jenis in cols:
        value = row[col] if col < len(row) else None
        if jenis == "kecamatan":
            words = _kata(value) if isinstance(value, str) else []
            if not words or words[0] not in KABUPATEN + KOTA or gaz.match_kecamatan(value):
                continue
            tempat = region.di_sel(value, "kabkota")
        else:
            tempat = region.di_sel(value, jenis)
        if tempat is None:
            continue
        if region.lain(tempat):
            return tempat, col, jenis, ours
        ours = True
    return None, -1, "", ours


def _label(lay, col: int) -> str:
    return f"{column_letter(col)} ({lay.names[col]})"


def check_rows(result, rows, region: Wilayah, gaz) -> bool:
    """Refuse when a data row names another region: in a kab/kota or province column, or as a
    `KABUPATEN …`/`KOTA …` written where the kecamatan goes (a kabupaten-wide row) that is no
    kecamatan here. `rows` are (layout, 0-based index into its sheet's rows) of the data rows."""
    columns: dict = {}
    first_other = None  # (tempat, layout, row, column label)
    others = ours = 0
    for lay, i in rows:
        tempat, col, _, named_ours = _tempat_baris(region, gaz, lay, i, _kolom_wilayah(lay, columns))
        if tempat is None:
            ours += named_ours
            continue
        others += 1
        if first_other is None:
            first_other = (tempat, lay, i, _label(lay, col))
    if first_other is None:
        return False
    tempat, lay, i, label = first_other
    if ours:
        message = (
            f"{region.penolakan(tempat, 'baris ini')}; {fmt.angka(others)} baris berkas ini untuk wilayah "
            f"lain: unggah hanya baris {region.nama}"
        )
    else:
        message = region.penolakan(tempat)
    result.add("galat", message, lay.sheet.name, i + 1, label)
    return True


# A file is another kab/kota's when at least this share of its rows that name a kecamatan name
# kecamatan of that one kab/kota that this region does not have (a few of ours, or typos, aside).
BAGIAN_KECAMATAN_LAIN = 0.8


def check_kecamatan(result, rows, region: Wilayah, gaz) -> bool:
    """Refuse in one message a file whose rows name the kecamatan of one other kab/kota: at least
    BAGIAN_KECAMATAN_LAIN of the rows that name a kecamatan name one that is not here but is a
    kecamatan of that kab/kota, two different names at least, and no other kab/kota has as many
    (Kuripan alone is a kecamatan of three). `rows` are the RawRows read. Otherwise (a mixed file, a
    single name) each row keeps its own message."""
    named = []  # (raw row, name key)
    per_kabkota: dict[str, list] = {}  # kode -> the rows naming one of its kecamatan
    where: dict[str, list[str]] = {}
    for raw in rows:
        value = raw.cells.get("kecamatan")
        if is_blank(value) or not isinstance(value, str | int | float):
            continue
        key = name_key(str(value))
        named.append(raw)
        if key not in where:
            where[key] = (
                [] if gaz.match_kecamatan(str(value)) else kabkota_codes_with_kecamatan(str(value), region.kode)
            )
        for kode in where[key]:
            per_kabkota.setdefault(kode, []).append((raw, key))
    ranked = sorted(per_kabkota.items(), key=lambda kv: -len(kv[1]))
    if not ranked or ranked[0][0] not in region.kabkota:
        return False
    kode, hits = ranked[0]
    if len(ranked) > 1 and len(ranked[1][1]) == len(hits):
        return False  # as many rows fit another kab/kota: which one is not known
    if len(hits) < BAGIAN_KECAMATAN_LAIN * len(named) or len({key for _, key in hits}) < 2:
        return False
    first = hits[0][0]
    result.add(
        "galat",
        f"berkas ini berisi kecamatan {region.kabkota[kode]} ({fmt.angka(len(hits))} dari "
        f"{fmt.angka(len(named))} baris), bukan {region.nama}",
        first.sheet,
        first.row,
        first.layout.column_label("kecamatan"),
    )
    return True


def check_nik(result, region: Wilayah, layouts) -> bool:
    """Refuse a per-voter list when most of its well-formed NIKs (more than half) carry the code
    of one other kab/kota. Works on the distinct region codes of the NIKs, not per voter."""
    frame = result.frame
    per_kabkota: dict[str, int] = {}
    for value, jumlah in _nik_regions(frame):
        if value is not None:  # '35.14.01' -> '35.14'
            key = value[:5]
            per_kabkota[key] = per_kabkota.get(key, 0) + jumlah
    total = sum(per_kabkota.values())
    if not total:
        return False
    kode, count = max(per_kabkota.items(), key=lambda kv: kv[1])
    if count * 2 <= total or kode not in region.kabkota or region.milik(kode):
        return False
    tempat = region.tempat([kode])
    # where the first of them is: the earliest row of the first sheet that has one
    first = dict(_first_rows(frame, kode + "."))
    sheet, row = None, None
    for lay in layouts:
        if lay.sheet.name in first:
            sheet, row = lay.sheet.name, first[lay.sheet.name]
            break
    label = next((lay.column_label("nik") for lay in layouts if lay.sheet.name == sheet), None)
    result.add(
        "galat",
        f"{region.penolakan(tempat)}: {fmt.angka(count)} dari {fmt.angka(total)} NIK "
        f"({fmt.persen(100 * count / total)}) berkode wilayah {kode}",
        sheet,
        row,
        label,
    )
    result.frame = None
    return True


def _nik_regions(frame) -> list[tuple]:
    """(region code of the NIK, voters) of a parsed voter list: an Arrow table or staged rows."""
    if hasattr(frame, "query"):
        return frame.query("select nik_kode_wilayah, count(*) from frame group by 1")
    return [(i["values"], i["counts"]) for i in pc.value_counts(frame.column("nik_kode_wilayah")).to_pylist()]


def _first_rows(frame, prefix: str) -> list[tuple]:
    """(sheet, first row) of the NIKs whose region code starts with `prefix`."""
    if hasattr(frame, "query"):
        return frame.query(
            "select source_sheet, min(source_row) from frame where starts_with(nik_kode_wilayah, $p) group by 1",
            p=prefix,
        )
    hits = frame.filter(pc.starts_with(frame.column("nik_kode_wilayah"), prefix))
    return [
        (sheet, pc.min(hits.filter(pc.equal(hits.column("source_sheet"), sheet)).column("source_row")).as_py())
        for sheet in pc.unique(hits.column("source_sheet")).to_pylist()
    ]
