"""Readiness in words: the reasons a kecamatan or desa is not green (`KTP-el 94,10% (< 95%)`,
`Data TPS belum diunggah`), what its koordinator follows up, and its indicators against the
election's thresholds. Reads one row of marts/kecamatan or marts/desa_kesiapan; runs no query."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ._nilai import present as _present

_MISSING_KIND = (
    ("ada_pemilih", "Data pemilih (rekap DPT) belum diunggah"),
    ("ada_tps", "Data TPS belum diunggah"),
    ("ada_ktpel", "Data KTP-el belum diunggah"),
    ("ada_target", "Target partisipasi belum diunggah"),
)


_SOURCE_LABEL = {"dpt_rekap": "DPT rekap", "dpt_daftar_tps": "daftar TPS", "dpt_daftar_pemilih": "daftar pemilih"}


def _tps_and_ktpel_reasons(row) -> list[str]:
    """The TPS-capacity and KTP-el reasons, worded the same for a kecamatan and a desa."""
    out = []
    if row["status_tps"] == "merah":
        out.append(
            f"{fmt.angka(row['tps_melebihi_kapasitas'])} TPS > {fmt.angka(row['kapasitas_tps'])} pemilih "
            f"(terbanyak {fmt.angka(row['pemilih_per_tps_maks'])})"
        )
    if row["status_ktpel"] == "kuning":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_hijau'])}%)")
    elif row["status_ktpel"] == "merah":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_kuning'])}%)")
    return out


def reasons(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> list[str]:
    """Every non-green indicator of one kecamatan row, in words, with its numbers."""
    out = []
    if row["jumlah_jenis_data"] == 0:
        return ["Belum ada data diunggah"] + _masalah_reasons(row)
    for flag, text in _MISSING_KIND:
        if not row[flag]:
            out.append(text)
    return out + _nilai_reasons(row, label_sebelumnya)


def _nilai_reasons(row, label_sebelumnya: str) -> list[str]:
    """The reasons from the figures (TPS capacity, KTP-el, participation, DPT sources, problems)."""
    out = _tps_and_ktpel_reasons(row)
    if row["status_partisipasi"] in ("kuning", "merah"):
        out.append(
            f"{label_sebelumnya} {fmt.ringkas(row['partisipasi_sebelumnya'])}% vs target "
            f"{fmt.ringkas(row['target_partisipasi'])}% (selisih {fmt.ringkas(row['selisih_partisipasi'])} poin)"
        )
    if row["status_konsistensi"] in ("kuning", "merah"):
        out.append(_consistency_text(row))
    return out + _masalah_reasons(row)


_JENIS_KABKOTA = (
    ("pemilih", "Data pemilih (rekap DPT)"),
    ("tps", "Data TPS"),
    ("ktpel", "Data KTP-el"),
    ("target", "Target partisipasi"),
)


def kabkota_reasons(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> list[str]:
    """Every non-green indicator of one kab/kota (a row of readiness.model.kabkota), in words: a
    kind of data none of its kecamatan has is `belum diunggah`, one some lack `belum lengkap (3
    dari 12 kecamatan)`. A kab/kota known only by its total (`rincian`) says so first."""
    rincian = row.get("rincian")
    if row["jumlah_kecamatan_berdata"] == 0 and not _present(rincian):
        return ["Belum ada data diunggah"] + _masalah_reasons(row)
    out, n = ([rincian[0].upper() + rincian[1:]] if _present(rincian) else []), row["jumlah_kecamatan"]
    for kind, text in _JENIS_KABKOTA:
        ada = row[f"jumlah_ada_{kind}"]
        if ada == 0:
            out.append(f"{text} belum diunggah")
        elif ada < n:
            out.append(f"{text} belum lengkap ({fmt.angka(ada)} dari {fmt.angka(n)} kecamatan)")
    return out + _nilai_reasons(row, label_sebelumnya)


def _masalah_reasons(row) -> list[str]:
    """`2 masalah terbuka (1 tinggi)`: open problems from the inventory (readiness/masalah/)."""
    n = row.get("masalah_terbuka")
    if not _present(n) or not n:
        return []
    tinggi = row.get("masalah_terbuka_tinggi") or 0
    return [f"{fmt.angka(n)} masalah terbuka" + (f" ({fmt.angka(tinggi)} tinggi)" if tinggi else "")]


def desa_reasons(row) -> list[str]:
    """Every non-green indicator of one desa row (marts/desa_kesiapan), in words."""
    out = [] if _present(row["dpt"]) else ["Belum ada data pemilih"]
    out += _tps_and_ktpel_reasons(row)
    if row["status_konsistensi"] in ("kuning", "merah"):
        out.append(_consistency_text(row))
    return out


def _consistency_text(row) -> str:
    """`DPT rekap 1.234 ≠ daftar TPS 1.230`: each DPT source that differs from the first present."""
    sources = [(label, row[col]) for col, label in _SOURCE_LABEL.items() if _present(row[col])]
    main_label, main_value = sources[0]
    return "; ".join(
        f"{main_label} {fmt.angka(main_value)} ≠ {label} {fmt.angka(value)}"
        for label, value in sources[1:]
        if value != main_value
    )


_MINTA = {
    "ada_pemilih": "Minta rekap DPT per desa ke KPU/PPK lalu unggah",
    "ada_tps": "Minta daftar TPS ke KPU/PPK lalu unggah",
    "ada_ktpel": "Minta data perekaman KTP-el ke Dispendukcapil lalu unggah",
    "ada_target": "Tetapkan target partisipasi kecamatan (berkas target atau Pengaturan)",
}


def tindak_lanjut(row) -> list[str]:
    """What the koordinator follows up for one kecamatan, one line per non-green indicator."""
    if row["jumlah_jenis_data"] == 0:
        return ["Minta camat/PPK mengirim data pemilih, TPS, KTP-el dan target partisipasi"]
    out = [text for flag, text in _MINTA.items() if not row[flag]]
    if row["status_tps"] == "merah":
        out.append(
            f"Bahas dengan PPK pemecahan {fmt.angka(row['tps_melebihi_kapasitas'])} TPS yang melebihi "
            f"{fmt.angka(row['kapasitas_tps'])} pemilih"
        )
    if row["status_ktpel"] in ("kuning", "merah"):
        belum = row["ktpel_wajib"] - row["ktpel_rekam"]
        out.append(f"Percepat perekaman KTP-el bersama Dispendukcapil: {fmt.angka(belum)} wajib KTP-el belum rekam")
    if row["status_partisipasi"] in ("kuning", "merah"):
        out.append(
            f"Perkuat sosialisasi: target {fmt.ringkas(row['target_partisipasi'])}% perlu naik "
            f"{fmt.ringkas(row['selisih_partisipasi'])} poin dari pemilihan sebelumnya"
        )
    if row["status_konsistensi"] in ("kuning", "merah"):
        out.append(f"Cocokkan DPT antarsumber dengan PPK (selisih {fmt.angka(row['selisih_dpt'])} pemilih)")
    if _present(row.get("masalah_terbuka")) and row.get("masalah_terbuka"):
        tinggi = row.get("masalah_terbuka_tinggi") or 0
        out.append(
            f"Tindak lanjuti {fmt.angka(row['masalah_terbuka'])} masalah terbuka"
            + (f", {fmt.angka(tinggi)} di antaranya tingkat tinggi" if tinggi else "")
            + " (halaman Permasalahan)"
        )
    return out


def _nilai_tps(row) -> str:
    if not _present(row["tps_melebihi_kapasitas"]):
        return "Data TPS belum diunggah"
    return (
        f"{fmt.angka(row['tps_melebihi_kapasitas'])} TPS > {fmt.angka(row['kapasitas_tps'])} pemilih "
        f"(terbanyak {fmt.angka(row['pemilih_per_tps_maks'])}, rata-rata "
        f"{fmt.angka(row['pemilih_per_tps_rata'], 1)})"
    )


def _nilai_ktpel(row) -> str:
    if not _present(row["ktpel_persen"]):
        return "Data KTP-el belum diunggah"
    return f"{fmt.persen(row['ktpel_persen'])} ({fmt.angka(row['ktpel_rekam'])} dari {fmt.angka(row['ktpel_wajib'])})"


def _nilai_partisipasi(row, label_sebelumnya: str) -> str:
    if _present(row["selisih_partisipasi"]):
        return (
            f"target {fmt.ringkas(row['target_partisipasi'])}% vs {label_sebelumnya} "
            f"{fmt.ringkas(row['partisipasi_sebelumnya'])}% (selisih {fmt.ringkas(row['selisih_partisipasi'])} poin)"
        )
    if _present(row["target_partisipasi"]):
        return f"target {fmt.ringkas(row['target_partisipasi'])}%, {label_sebelumnya.lower()} belum ada"
    return "Target partisipasi belum ada"


def _nilai_kelengkapan(row) -> str:
    kinds = (("ada_pemilih", "pemilih"), ("ada_tps", "TPS"), ("ada_ktpel", "KTP-el"), ("ada_target", "target"))
    ada = [label for flag, label in kinds if row[flag]]
    return f"{row['jumlah_jenis_data']} dari 4 jenis data" + (f" ({', '.join(ada)})" if ada else "")


def _nilai_konsistensi(row) -> str:
    sources = [f"{label} {fmt.angka(row[col])}" for col, label in _SOURCE_LABEL.items() if _present(row[col])]
    if len(sources) < 2:
        return "Hanya satu sumber DPT, tidak ada pembanding" if sources else "Data pemilih belum ada"
    selisih = _present(row["selisih_dpt"]) and row["selisih_dpt"]
    return ", ".join(sources) + (f" (selisih {fmt.persen(row['selisih_dpt_persen'])})" if selisih else "")


def indikator(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> pd.DataFrame:
    """The indicators of one kecamatan against the election's thresholds, one row each:
    Indikator, Nilai, Ambang (what is green / yellow), status."""
    kap = fmt.angka(row["kapasitas_tps"])
    tps_nilai, ktpel_nilai = _nilai_tps(row), _nilai_ktpel(row)
    part_nilai = _nilai_partisipasi(row, label_sebelumnya)
    lengkap, konsisten = _nilai_kelengkapan(row), _nilai_konsistensi(row)
    th = {
        k: fmt.ringkas(row[k])
        for k in (
            "t_ktpel_hijau",
            "t_ktpel_kuning",
            "t_partisipasi_hijau",
            "t_partisipasi_kuning",
            "t_konsistensi_kuning",
        )
    }
    rows = [
        (
            "Kapasitas TPS",
            tps_nilai,
            f"Siap: tidak ada TPS > {kap} pemilih; Belum siap: 1 TPS atau lebih",
            row["status_tps"],
        ),
        (
            "Perekaman KTP-el",
            ktpel_nilai,
            f"Siap ≥ {th['t_ktpel_hijau']}%; Perlu perhatian ≥ {th['t_ktpel_kuning']}%; "
            f"Belum siap < {th['t_ktpel_kuning']}%",
            row["status_ktpel"],
        ),
        (
            "Risiko partisipasi",
            part_nilai,
            f"Siap: selisih ≤ {th['t_partisipasi_hijau']} poin; Perlu perhatian ≤ "
            f"{th['t_partisipasi_kuning']} poin; Belum siap > {th['t_partisipasi_kuning']} poin",
            row["status_partisipasi"],
        ),
        (
            "Kelengkapan data",
            lengkap,
            "Siap: 4 jenis; Perlu perhatian: sebagian; Belum siap: tidak ada",
            row["status_kelengkapan"],
        ),
        (
            "Konsistensi DPT",
            konsisten,
            f"Siap: sama; Perlu perhatian: selisih ≤ {th['t_konsistensi_kuning']}%; "
            f"Belum siap: > {th['t_konsistensi_kuning']}%",
            row["status_konsistensi"],
        ),
    ]
    return pd.DataFrame(rows, columns=["indikator", "nilai", "ambang", "status"])
