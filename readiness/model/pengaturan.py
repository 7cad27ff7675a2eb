"""Settings of one election (Pengaturan): the thresholds, the default participation target, the
TPS capacity and the per-kecamatan target overrides; checked as a whole and saved all or nothing,
every problem worded in Indonesian."""

from __future__ import annotations

import contextlib
import math
import sqlite3

import duckdb

from .. import akses, catatan, db, fmt, jejak
from ..ingest import cells
from ._nilai import present as _present

# key: (label, minimum, maximum); {wilayah} in a label is the kind of region ('kabupaten', 'kota'),
# filled in by `label_pengaturan`.
PENGATURAN = {
    "kapasitas_tps": ("Kapasitas pemilih per TPS", 1, 10000),
    "ktpel_hijau": ("KTP-el: batas Siap (%)", 0, 100),
    "ktpel_kuning": ("KTP-el: batas Perlu perhatian (%)", 0, 100),
    "partisipasi_hijau": ("Partisipasi: selisih terbesar untuk Siap (poin)", 0, 100),
    "partisipasi_kuning": ("Partisipasi: selisih terbesar untuk Perlu perhatian (poin)", 0, 100),
    "konsistensi_kuning": ("Konsistensi DPT: selisih terbesar untuk Perlu perhatian (%)", 0, 100),
    "target_partisipasi": ("Target partisipasi bawaan {wilayah} (%)", 0, 100),
    "masalah_tinggi_kuning": (
        "Masalah tingkat tinggi yang belum selesai membuat status kecamatan paling baik Perlu perhatian",
        0,
        1,
    ),
}
# Settings added after the first release: when a caller leaves one out, its stored value stays.
PENGATURAN_OPSIONAL = {"masalah_tinggi_kuning"}
# Settings that are on or off: a switch on the page, stored as 1 (on) or 0 (off).
SAKLAR = {"masalah_tinggi_kuning"}
TARGET_KEY = "target_partisipasi:"


class PengaturanError(ValueError):
    """Settings that cannot be saved; the message lists every problem in Indonesian."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def label_pengaturan(wilayah: str = "kabupaten") -> dict[str, str]:
    """The label of each setting as the Pengaturan page shows it, for a region of kind `wilayah`
    (readiness.wilayah.Kata.wilayah_kecil)."""
    return {key: label.format(wilayah=wilayah) for key, (label, _, _) in PENGATURAN.items()}


def periksa_pengaturan(values: dict, wilayah: str = "kabupaten") -> list[str]:
    problems = []
    names = label_pengaturan(wilayah)
    for key, (_, lo, hi) in PENGATURAN.items():
        label = names[key]
        v = values.get(key)
        if key in PENGATURAN_OPSIONAL and key not in values:
            continue
        if v is None or (isinstance(v, float) and math.isnan(v)):
            problems.append(f"{label} belum diisi")
        elif key in SAKLAR and v not in (0, 1):
            problems.append(f"{label}: hanya dapat dinyalakan atau dimatikan (tertulis {fmt.ringkas(v)})")
        elif not lo <= v <= hi:
            problems.append(f"{label} harus antara {fmt.ringkas(lo)} dan {fmt.ringkas(hi)} (tertulis {fmt.ringkas(v)})")
    if not problems:
        if values["ktpel_kuning"] > values["ktpel_hijau"]:
            problems.append(
                f"Batas KTP-el Perlu perhatian ({fmt.ringkas(values['ktpel_kuning'])}%) tidak boleh di atas "
                f"batas Siap ({fmt.ringkas(values['ktpel_hijau'])}%)"
            )
        if values["partisipasi_hijau"] > values["partisipasi_kuning"]:
            problems.append(
                f"Selisih partisipasi untuk Siap ({fmt.ringkas(values['partisipasi_hijau'])} poin) tidak boleh "
                f"di atas selisih untuk Perlu perhatian ({fmt.ringkas(values['partisipasi_kuning'])} poin)"
            )
        if float(values["kapasitas_tps"]) != int(values["kapasitas_tps"]):
            problems.append("Kapasitas pemilih per TPS harus bilangan bulat")
    return problems


def baca_angka(texts: dict, labels: dict | None = None, wilayah: str = "kabupaten") -> dict:
    """Numbers typed the Indonesian way (`98`, `0,5`, `82,5`) -> floats; every unreadable one is
    reported (PengaturanError), with the label the user saw."""
    values, problems = {}, []
    labels = {**label_pengaturan(wilayah), **(labels or {})}
    for key, text in texts.items():
        try:
            values[key] = cells.parse_number(text)
        except cells.ParseError:
            problems.append(f"{labels.get(key, key)}: '{text}' bukan angka")
    if problems:
        raise PengaturanError(problems)
    return values


def baca_isian(texts: dict, saklar: dict, wilayah: str = "kabupaten") -> dict:
    """The Pengaturan form as values: the numbers typed (`baca_angka`) and each switch (SAKLAR) as
    1 (on) or 0 (off), the way it is stored."""
    return {**baca_angka(texts, wilayah=wilayah), **{key: 1.0 if on else 0.0 for key, on in saklar.items()}}


def tabel_target(partisipasi, pengaturan):
    """The per-kecamatan target table of the Pengaturan page: the target in force (from the file,
    or the region's default) and the override typed in the app, empty when there is none."""
    import pandas as pd

    overrides = {r.kode_kecamatan: r.value for r in pengaturan.dropna(subset=["kode_kecamatan"]).itertuples()}
    return pd.DataFrame(
        {
            "kode_kecamatan": partisipasi["kode_kecamatan"],
            "Kecamatan": partisipasi["kecamatan"],
            "Target berlaku (%)": partisipasi["target_partisipasi"].map(lambda v: fmt.angka(v, 1)),
            "Target khusus (%)": [
                fmt.ringkas(overrides[k]) if k in overrides else "" for k in partisipasi["kode_kecamatan"]
            ],
        }
    )


def simpan_pengaturan(
    db_path,
    election: str,
    values: dict,
    pelaku,
    *,
    ref: duckdb.DuckDBPyConnection | None = None,
    timeout: float = 10.0,
    wilayah: str = "kabupaten",
) -> None:
    """Save the thresholds, default target and TPS capacity of one election, all or nothing, with
    one audit record of the values before and after (see `_simpan`); `wilayah` words the labels
    in the messages (the kind of region)."""
    problems = periksa_pengaturan(values, wilayah)
    if problems:
        raise PengaturanError(problems)
    ubah = {
        key: float(values[key])
        for key in PENGATURAN
        if key != "kapasitas_tps" and not (key in PENGATURAN_OPSIONAL and key not in values)
    }
    _simpan(
        db_path,
        election,
        pelaku,
        "ambang dan kapasitas",
        ubah,
        ref=ref,
        kapasitas=int(values["kapasitas_tps"]),
        timeout=timeout,
    )


def simpan_target_kecamatan(
    db_path, election: str, targets: dict, pelaku, *, ref: duckdb.DuckDBPyConnection | None = None
) -> None:
    """Per-kecamatan target overrides: {kode_kecamatan: percent or None (no override)}."""
    with _pembaca(db_path, ref) as con:
        known = {r[0]: r[1] for r in con.execute("select kode_kecamatan, kecamatan from ref_kecamatan").fetchall()}
    problems = []
    for kode, value in targets.items():
        if kode not in known:
            problems.append(f"kecamatan {kode} tidak dikenal")
        elif _present(value) and not 0 < value <= 100:
            problems.append(
                f"Target {known[kode]} harus di atas 0 dan paling tinggi 100 (tertulis {fmt.ringkas(value)})"
            )
    if problems:
        raise PengaturanError(problems)
    _simpan(
        db_path,
        election,
        pelaku,
        "target per kecamatan",
        {TARGET_KEY + kode: float(value) if _present(value) else None for kode, value in targets.items()},
        ref=ref,
    )


@contextlib.contextmanager
def _pembaca(db_path, ref):
    """`ref` (a cursor of the analytical file), or the file opened read-only for this call."""
    if ref is not None:
        yield ref
        return
    con = db.open_file_read_only(db.ensure_database(db_path))
    try:
        yield con
    finally:
        con.close()


def _berlaku(ref, store: sqlite3.Connection, election: str) -> dict:
    """The settings in force (as stg_settings): the analytical file's `settings` overlaid with
    the store's `pengaturan`, read inside the store's write transaction."""
    out = dict(ref.execute("select key, value from settings where election_id = $e", {"e": election}).fetchall())
    for key, value in store.execute("select key, value from pengaturan where election_id = ?", (election,)):
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def _simpan(
    db_path,
    election: str,
    pelaku,
    objek: str,
    ubah: dict,
    *,
    ref=None,
    kapasitas: int | None = None,
    timeout: float = 10.0,
) -> None:
    """Write the settings `ubah` ({key: value, None = removed}) in one transaction of the
    small-records store (milliseconds; the analytical file untouched), with the audit record of
    every value that changed, before and after. Only a new TPS capacity still needs a write of the
    analytical file (`elections`; the stored tables depend on it): the store's transaction is then
    opened inside it and committed after it, so both land or neither (as problem uploads do,
    readiness/masalah/gabung.py). A key whose value stays is not written: saving an unchanged form empties
    no cache."""
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "pengaturan")
    with _pembaca(db_path, ref) as baca:
        lama = baca.execute("select kapasitas_tps from elections where election_id = $e", {"e": election}).fetchall()
        if not lama:
            raise PengaturanError([f"pemilihan '{election}' tidak dikenal"])
        kapasitas_berubah = kapasitas is not None and kapasitas != lama[0][0]
        with contextlib.ExitStack() as sesudah_ganti:
            with db.writing(db_path, timeout=timeout) if kapasitas_berubah else contextlib.nullcontext() as tulis:
                sebelum_kapasitas = lama[0][0]
                if tulis is not None:
                    sebelum_kapasitas = tulis.execute(
                        "select kapasitas_tps from elections where election_id = $e", {"e": election}
                    ).fetchone()[0]
                    tulis.execute(
                        "update elections set kapasitas_tps = $v where election_id = $e",
                        {"v": kapasitas, "e": election},
                    )
                store = sesudah_ganti.enter_context(catatan.tulis(db_path))
                sebelum = _berlaku(baca, store, election)
                waktu = catatan.sekarang()
                for key, value in ubah.items():
                    if sebelum.get(key) != value:
                        store.execute(
                            "insert into pengaturan (election_id, key, value, diubah) values (?, ?, ?, ?) "
                            "on conflict (election_id, key) do update set value = excluded.value, "
                            "diubah = excluded.diubah",
                            (election, key, value, waktu),
                        )
                sesudah = _berlaku(baca, store, election)
                if kapasitas is not None:
                    sebelum["kapasitas_tps"], sesudah["kapasitas_tps"] = sebelum_kapasitas, kapasitas
                jejak.catat_pengaturan(store, pelaku, objek, sebelum, election, sesudah)


def baca_target(texts: dict, labels: dict) -> dict:
    """The per-kecamatan targets typed on the page ({kode: text}, empty = no override) as
    {kode: percent or None}; every unreadable one is reported (PengaturanError) with its label."""
    values = baca_angka({k: v.strip() for k, v in texts.items() if (v or "").strip()}, labels=labels)
    return {k: values.get(k) for k in texts}


def ubah_berkas(db_path, election: str, pelaku, objek: str, action, *, timeout: float = 10.0) -> None:
    """A setting kept in the analytical file (korwil, the active election, keeping identity):
    `action(con)` in one copy-on-write write, with the audit record of the values before and
    after in the same write."""
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "pengaturan")
    with db.writing(db_path, timeout=timeout) as con:
        sebelum = jejak.potret_pengaturan(con, election)
        action(con)
        jejak.catat_pengaturan(con, pelaku, objek, sebelum, election)


def uraikan_perubahan(nilai, wilayah: str = "kabupaten", kecamatan: dict[str, str] | None = None) -> str:
    """A trail's values before or after a settings change as the Pengaturan page words them, one
    setting per clause: `KTP-el: batas Siap (%): 98%; Kapasitas pemilih per TPS: 600`. `kecamatan`
    ({kode: name}) names the kecamatan of a target or korwil; anything else keeps jejak.uraikan's words."""
    import json

    if isinstance(nilai, str):
        try:
            nilai = json.loads(nilai)
        except ValueError:
            return nilai
    if not isinstance(nilai, dict):
        return jejak.uraikan(nilai)
    labels = label_pengaturan(wilayah)
    return "; ".join(_satu_pengaturan(k, v, labels, kecamatan or {}) for k, v in nilai.items())


def _satu_pengaturan(key: str, value, labels: dict[str, str], kecamatan: dict[str, str]) -> str:
    """One setting as `label: value`, the value in the unit its label names."""
    if key.startswith(TARGET_KEY):
        kode = key[len(TARGET_KEY) :]
        teks = "bawaan" if value is None else f"{fmt.ringkas(value)}%"
        return f"Target partisipasi Kecamatan {kecamatan.get(kode, kode)}: {teks}"
    if key.startswith("korwil:"):
        kode = key.removeprefix("korwil:")
        return f"Korwil Kecamatan {kecamatan.get(kode, kode)}: {value or 'belum masuk korwil'}"
    if key in APLIKASI:
        return f"{APLIKASI[key]}: {'–' if value is None else value}"
    if key not in labels:
        return jejak.uraikan({key: value})
    if value is None:
        teks = "–"
    elif key in SAKLAR:
        teks = "nyala" if value else "mati"
    elif labels[key].endswith("(%)"):
        teks = f"{fmt.ringkas(value)}%"
    elif labels[key].endswith("(poin)"):
        teks = f"{fmt.ringkas(value)} poin"
    else:
        teks = fmt.ringkas(value)
    return f"{labels[key]}: {teks}"


# App-wide settings in the trail (`aplikasi:<key>`, values stored as words) and their labels.
APLIKASI = {
    "aplikasi:simpan_identitas": "Simpan nama, alamat dan tempat lahir pemilih",
    "aplikasi:active_election": "Pemilihan aktif",
}
