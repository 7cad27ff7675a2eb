"""The slides per korwil and per kecamatan: each korwil's kecamatan, the kecamatan that need
attention first, KTP-el recording and the participation risk (bars per kecamatan)."""

from __future__ import annotations

import math

import pandas as pd

from .. import fmt
from ..wilayah.kata import Kata
from .common import (
    ada,
    alasan,
    daftar,
    korwil_nama,
    tahun,
    urut_terberat,
)
from .parts import Angka, Baris, Batang, Grafik, Slide, status_label


def slides_korwil(kw_row, kec: pd.DataFrame, label_sebelumnya: str) -> list[Slide]:
    nama = korwil_nama(kw_row["korwil"])
    rows = urut_terberat(kec)
    n = len(rows)
    merah = rows[rows["status"] == "merah"]["kecamatan"].tolist()
    kuning = int((rows["status"] == "kuning").sum())
    hijau = int((rows["status"] == "hijau").sum())
    if merah:
        judul = f"{nama}: {len(merah)} dari {n} kecamatan belum siap ({daftar(merah)})"
    elif kuning:
        judul = f"{nama}: tidak ada yang belum siap, {kuning} dari {n} kecamatan perlu perhatian"
    else:
        judul = f"{nama}: seluruh {n} kecamatan siap"
    koordinator = kw_row["koordinator"] if isinstance(kw_row["koordinator"], str) else "koordinator belum ditetapkan"
    sub = (
        f"{koordinator} · DPT {fmt.angka(kw_row['dpt'])} · {fmt.angka(kw_row['tps'])} TPS · "
        f"{len(merah)} belum siap, {kuning} perlu perhatian, {hijau} siap"
    )
    baris = tuple(
        Baris((status_label(r["status"]), r["kecamatan"], alasan(r, label_sebelumnya)), r["status"])
        for _, r in rows.iterrows()
    )
    return [
        Slide(
            "korwil",
            f"Korwil: {nama}",
            judul,
            subjudul=sub,
            kolom=("Status", "Kecamatan", "Alasan"),
            lebar=(5, 4, 15),
            baris=baris,
        )
    ]


def slide_perhatian(kec: pd.DataFrame, label_sebelumnya: str, dengan_korwil: bool = True) -> Slide | None:
    rows = urut_terberat(kec[kec["status"].isin(["merah", "kuning"])])
    if rows.empty:
        return None
    names = rows["kecamatan"].tolist()[:3]
    merah = int((rows["status"] == "merah").sum())
    judul = f"Tangani lebih dulu: {daftar(names)}"
    sub = (
        f"{merah} kecamatan belum siap, {len(rows) - merah} perlu perhatian · urutan: status, jumlah indikator "
        "merah, lalu DPT terbanyak"
    )
    baris = tuple(
        Baris(
            (
                status_label(r["status"]),
                f"{i}. {r['kecamatan']}",
                *((korwil_nama(r["korwil"]),) if dengan_korwil else ()),
                alasan(r, label_sebelumnya),
            ),
            r["status"],
        )
        for i, (_, r) in enumerate(rows.iterrows(), start=1)
    )
    return Slide(
        "perhatian",
        "Kecamatan yang paling perlu perhatian",
        judul,
        subjudul=sub,
        kolom=("Status", "Kecamatan", "Korwil", "Alasan") if dengan_korwil else ("Status", "Kecamatan", "Alasan"),
        lebar=(5, 4, 3, 13) if dengan_korwil else (5, 4, 16),
        baris=baris,
    )


def slide_ktpel(kab, kec: pd.DataFrame, kata: Kata) -> Slide | None:
    data = kec.dropna(subset=["ktpel_persen"])
    if data.empty:
        return None
    hijau, kuning = float(kec["t_ktpel_hijau"].iloc[0]), float(kec["t_ktpel_kuning"].iloc[0])
    merah_n = int((data["status_ktpel"] == "merah").sum())
    kuning_n = int((data["status_ktpel"] == "kuning").sum())
    kab_persen = kab["ktpel_persen"]
    if ada(kab_persen):
        posisi = "di bawah" if kab_persen < hijau else "mencapai"
        awal = f"KTP-el {fmt.persen(kab_persen)}, {posisi} target {fmt.ringkas(hijau)}%"
    else:
        awal = f"KTP-el: target {fmt.ringkas(hijau)}%"
    if merah_n and kuning_n:
        judul = (
            f"{awal}: {merah_n + kuning_n} kecamatan di bawah {fmt.ringkas(hijau)}%, {merah_n} di antaranya "
            f"di bawah {fmt.ringkas(kuning)}%"
        )
    elif merah_n:
        judul = f"{awal}: {merah_n} kecamatan di bawah {fmt.ringkas(kuning)}%"
    elif kuning_n:
        judul = (
            f"{awal}: {kuning_n} kecamatan di bawah {fmt.ringkas(hijau)}%, tidak ada di bawah {fmt.ringkas(kuning)}%"
        )
    else:
        judul = f"{awal}: seluruh kecamatan ≥ {fmt.ringkas(hijau)}%"
    belum = data["ktpel_wajib"] - data["ktpel_rekam"]
    tanggal = data["ktpel_tanggal"].dropna()
    angka = (
        Angka(
            f"Cakupan {kata.wilayah_kecil}",
            fmt.persen(kab_persen),
            f"{fmt.angka(kab['ktpel_rekam'])} dari {fmt.angka(kab['ktpel_wajib'])} wajib",
        ),
        Angka(
            "Belum rekam",
            fmt.angka(belum.sum()),
            (f"data per {fmt.tanggal(tanggal.max())}" if len(tanggal) else "tanggal data tidak diketahui")
            + (
                "" if len(data) == len(kec) else " · " + fmt.cakupan("data KTP-el", data["kecamatan"], kec["kecamatan"])
            ),
        ),
    )
    below = data[data["status_ktpel"].isin(["merah", "kuning"])].sort_values(["ktpel_persen", "kecamatan"])
    batang = tuple(
        Batang(
            r["kecamatan"],
            float(r["ktpel_persen"]),
            f"{fmt.persen(r['ktpel_persen'])} · belum rekam {fmt.angka(r['ktpel_wajib'] - r['ktpel_rekam'])}",
            r["status_ktpel"],
        )
        for _, r in below.iterrows()
    )
    low = float(below["ktpel_persen"].min()) if len(below) else kuning
    sumbu_min = max(0.0, math.floor(min(low, kuning) - 1))
    catatan_parts = []
    siap = int((data["status_ktpel"] == "hijau").sum())
    catatan_parts.append(f"{siap} kecamatan sudah ≥ {fmt.ringkas(hijau)}%")
    missing = int(kec["ktpel_persen"].isna().sum())
    if missing:
        catatan_parts.append(f"{missing} kecamatan belum ada data KTP-el")
    grafik = Grafik(
        f"Kecamatan di bawah {fmt.ringkas(hijau)}%, terendah di atas",
        batang,
        sumbu_min,
        100.0,
        ((kuning, f"{fmt.ringkas(kuning)}%"), (hijau, f"{fmt.ringkas(hijau)}%")),
    )
    sub = (
        f"Perekaman KTP-el terhadap wajib KTP-el · Belum siap < {fmt.ringkas(kuning)}% · "
        f"Perlu perhatian {fmt.ringkas(kuning)}% sampai di bawah {fmt.ringkas(hijau)}% · Siap ≥ {fmt.ringkas(hijau)}%"
    )
    return Slide(
        "ktpel", "Perekaman KTP-el", judul, subjudul=sub, angka=angka, grafik=grafik, catatan="; ".join(catatan_parts)
    )


def slide_partisipasi(
    kab, kec: pd.DataFrame, label_sebelumnya: str, kata: Kata, satuan: str = "kecamatan"
) -> Slide | None:
    """The rise each `satuan` (kecamatan, or kab/kota with their names under `kecamatan`) needs from
    the previous turnout to the target, the largest first."""
    data = kec.dropna(subset=["selisih_partisipasi"])
    if data.empty:
        return None
    hijau, kuning = float(kec["t_partisipasi_hijau"].iloc[0]), float(kec["t_partisipasi_kuning"].iloc[0])
    merah_n = int((data["status_partisipasi"] == "merah").sum())
    kuning_n = int((data["status_partisipasi"] == "kuning").sum())
    target = kab["target_partisipasi"]
    awal = f"Target partisipasi {fmt.partisipasi(target)}" if ada(target) else "Target partisipasi"
    if merah_n:
        judul = (
            f"{awal}: {merah_n} {satuan} harus naik lebih dari {fmt.ringkas(kuning)} poin dari "
            f"{tahun(label_sebelumnya)}"
        )
    elif kuning_n:
        judul = (
            f"{awal}: {kuning_n} {satuan} harus naik {fmt.ringkas(hijau)}–{fmt.ringkas(kuning)} poin dari "
            f"{tahun(label_sebelumnya)}"
        )
    else:
        judul = f"{awal}: semua {satuan} dalam {fmt.ringkas(hijau)} poin dari {tahun(label_sebelumnya)}"
    gap = data[data["status_partisipasi"].isin(["merah", "kuning"])].sort_values(
        ["selisih_partisipasi", "kecamatan"], ascending=[False, True]
    )
    batang = tuple(
        Batang(
            r["kecamatan"],
            float(r["selisih_partisipasi"]),
            f"+{fmt.ringkas(r['selisih_partisipasi'])} poin ({fmt.partisipasi(r['partisipasi_sebelumnya'])} "
            f"→ {fmt.partisipasi(r['target_partisipasi'])})",
            r["status_partisipasi"],
        )
        for _, r in gap.iterrows()
    )
    top = float(gap["selisih_partisipasi"].max()) if len(gap) else kuning
    grafik = Grafik(
        f"Kenaikan yang dibutuhkan dari {tahun(label_sebelumnya)} ke target (poin)",
        batang,
        0.0,
        float(max(top, kuning) * 1.05),
        ((hijau, f"{fmt.ringkas(hijau)} poin"), (kuning, f"{fmt.ringkas(kuning)} poin")),
    )
    angka = (
        Angka(f"Target {kata.wilayah_kecil}", fmt.partisipasi(target), "target partisipasi pemilihan ini"),
        Angka(label_sebelumnya, fmt.partisipasi(kab["partisipasi_sebelumnya"]), "rata-rata berbobot DPT"),
    )
    catatan_parts = []
    siap = int((data["status_partisipasi"] == "hijau").sum())
    catatan_parts.append(f"{siap} {satuan} selisih ≤ {fmt.ringkas(hijau)} poin (siap)")
    sub = (
        f"Target dibanding {tahun(label_sebelumnya)} per {satuan} · Belum siap > {fmt.ringkas(kuning)} poin · "
        f"Perlu perhatian > {fmt.ringkas(hijau)} sampai {fmt.ringkas(kuning)} poin"
    )
    return Slide(
        "partisipasi",
        "Risiko partisipasi",
        judul,
        subjudul=sub,
        angka=angka,
        grafik=grafik,
        catatan="; ".join(catatan_parts),
    )
