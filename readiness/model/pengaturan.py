"""Settings of one election (Pengaturan): the thresholds, the default participation target, the
TPS capacity and the per-kecamatan target overrides; checked as a whole and saved all or nothing,
every problem worded in Indonesian."""
from __future__ import annotations

import math

import duckdb

from .. import fmt
from ..ingest import cells
from ._nilai import present as _present

PENGATURAN = {  # key: (label, minimum, maximum)
    "kapasitas_tps": ("Kapasitas pemilih per TPS", 1, 10000),
    "ktpel_hijau": ("KTP-el: batas Siap (%)", 0, 100),
    "ktpel_kuning": ("KTP-el: batas Perlu perhatian (%)", 0, 100),
    "partisipasi_hijau": ("Partisipasi: selisih terbesar untuk Siap (poin)", 0, 100),
    "partisipasi_kuning": ("Partisipasi: selisih terbesar untuk Perlu perhatian (poin)", 0, 100),
    "konsistensi_kuning": ("Konsistensi DPT: selisih terbesar untuk Perlu perhatian (%)", 0, 100),
    "target_partisipasi": ("Target partisipasi bawaan kabupaten (%)", 0, 100),
    "masalah_tinggi_kuning": ("Masalah tingkat tinggi belum selesai → paling baik Perlu perhatian (1 = ya, 0 = tidak)", 0, 1),
}
# Settings added after the first release: when a caller leaves one out, its stored value stays.
PENGATURAN_OPSIONAL = {"masalah_tinggi_kuning"}
TARGET_KEY = "target_partisipasi:"


class PengaturanError(ValueError):
    """Settings that cannot be saved; the message lists every problem in Indonesian."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def periksa_pengaturan(values: dict) -> list[str]:
    problems = []
    for key, (label, lo, hi) in PENGATURAN.items():
        v = values.get(key)
        if key in PENGATURAN_OPSIONAL and key not in values:
            continue
        if v is None or (isinstance(v, float) and math.isnan(v)):
            problems.append(f"{label} belum diisi")
        elif key in PENGATURAN_OPSIONAL and v not in (0, 1):
            problems.append(f"{label}: isi 1 atau 0 (tertulis {fmt.ringkas(v)})")
        elif not lo <= v <= hi:
            problems.append(f"{label} harus antara {fmt.ringkas(lo)} dan {fmt.ringkas(hi)} (tertulis {fmt.ringkas(v)})")
    if not problems:
        if values["ktpel_kuning"] > values["ktpel_hijau"]:
            problems.append(f"Batas KTP-el Perlu perhatian ({fmt.ringkas(values['ktpel_kuning'])}%) tidak boleh di atas "
                            f"batas Siap ({fmt.ringkas(values['ktpel_hijau'])}%)")
        if values["partisipasi_hijau"] > values["partisipasi_kuning"]:
            problems.append(f"Selisih partisipasi untuk Siap ({fmt.ringkas(values['partisipasi_hijau'])} poin) tidak boleh "
                            f"di atas selisih untuk Perlu perhatian ({fmt.ringkas(values['partisipasi_kuning'])} poin)")
        if float(values["kapasitas_tps"]) != int(values["kapasitas_tps"]):
            problems.append("Kapasitas pemilih per TPS harus bilangan bulat")
    return problems


def baca_angka(texts: dict, labels: dict | None = None) -> dict:
    """Numbers typed the Indonesian way (`98`, `0,5`, `82,5`) -> floats; every unreadable one is
    reported (PengaturanError), with the label the user saw."""
    values, problems = {}, []
    labels = {**{k: v[0] for k, v in PENGATURAN.items()}, **(labels or {})}
    for key, text in texts.items():
        try:
            values[key] = cells.parse_number(text)
        except cells.ParseError:
            problems.append(f"{labels.get(key, key)}: '{text}' bukan angka")
    if problems:
        raise PengaturanError(problems)
    return values


def simpan_pengaturan(con: duckdb.DuckDBPyConnection, election: str, values: dict) -> None:
    """Save the thresholds, default target and TPS capacity of one election (all or nothing)."""
    problems = periksa_pengaturan(values)
    if problems:
        raise PengaturanError(problems)
    con.execute("update elections set kapasitas_tps = $v where election_id = $e",
                {"v": int(values["kapasitas_tps"]), "e": election})
    for key in PENGATURAN:
        if key == "kapasitas_tps" or (key in PENGATURAN_OPSIONAL and key not in values):
            continue
        con.execute("insert or replace into settings values ($e, $k, $v)",
                    {"e": election, "k": key, "v": float(values[key])})


def simpan_target_kecamatan(con: duckdb.DuckDBPyConnection, election: str, targets: dict) -> None:
    """Per-kecamatan target overrides: {kode_kecamatan: percent or None (no override)}."""
    known = {r[0]: r[1] for r in con.execute("select kode_kecamatan, kecamatan from ref_kecamatan").fetchall()}
    problems = []
    for kode, value in targets.items():
        if kode not in known:
            problems.append(f"kecamatan {kode} tidak dikenal")
        elif _present(value) and not 0 < value <= 100:
            problems.append(f"Target {known[kode]} harus di atas 0 dan paling tinggi 100 (tertulis {fmt.ringkas(value)})")
    if problems:
        raise PengaturanError(problems)
    for kode, value in targets.items():
        con.execute("delete from settings where election_id = $e and key = $k", {"e": election, "k": TARGET_KEY + kode})
        if _present(value):
            con.execute("insert into settings values ($e, $k, $v)",
                        {"e": election, "k": TARGET_KEY + kode, "v": float(value)})
