"""The rakor deck: the current data as slides, one message each, computed once per data version.

The Presentasi page, the PPTX (as_pptx.py) and the PDF (as_pdf.py, through as_html.py) all
draw the same `Deck` (parts.py), so what leadership sees on the projector is exactly what goes into the
minutes. Every text a slide shows is worded here (id-ID numbers via fmt); the renderers only lay
it out. Readiness itself comes from readiness.model; nothing is recomputed here.

Each slide title states the finding in words with its numbers ("4 kecamatan belum siap: KTP-el di
bawah 95%"), never just the name of a chart.
"""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd

from .. import charts, db, fmt, model, teks
from ..wilayah.kata import Kata, kata
from .parts import Angka, Baris, Batang, Deck, Grafik, Peta, Slide, status_label

STATUS_RANK = {"merah": 0, "kuning": 1, "hijau": 2}
INDIKATOR = ("status_tps", "status_ktpel", "status_partisipasi", "status_kelengkapan", "status_konsistensi")
# On a slide at 28 px body text about ten rows fit under a title; longer lists are cut and the
# rest summed up in a line, a korwil with more kecamatan continues on a second slide.
BARIS_MAKS = 10  # (one more is shown rather than a line saying "+ 1 kecamatan lain")
BARIS_KORWIL_MAKS = 9
PERHATIAN_MAKS = 7
MASALAH_SELESAI = ("selesai", "ditutup", "tuntas", "closed", "done")


# --------------------------------------------------------------------------- helpers
def _ada(value) -> bool:
    return model.present(value)


def _jumlah(kec: pd.DataFrame, status: str) -> int:
    return int((kec["status"] == status).sum())


def _daftar(names: list[str]) -> str:
    """`Lumbang`, `Lumbang dan Kuripan`, `Lumbang, Kuripan dan Tiris`."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " dan " + names[-1]


def _korwil_nama(value) -> str:
    return value if isinstance(value, str) and value else "Tanpa korwil"


def _alasan(row, label_sebelumnya: str) -> str:
    if row["status"] == "hijau":
        return "Semua indikator terpenuhi"
    return " · ".join(model.reasons(row, label_sebelumnya)) or "–"


def _urut_terberat(kec: pd.DataFrame) -> pd.DataFrame:
    """Worst first: status, then how many indicators are red, then yellow, then the most voters."""
    data = kec.copy()
    data["_rank"] = data["status"].map(STATUS_RANK).fillna(3)
    data["_merah"] = sum((data[c] == "merah").astype(int) for c in INDIKATOR)
    data["_kuning"] = sum((data[c] == "kuning").astype(int) for c in INDIKATOR)
    data["_dpt"] = data["dpt"].astype("Float64").fillna(0)
    return data.sort_values(
        ["_rank", "_merah", "_kuning", "_dpt", "kecamatan"], ascending=[True, False, False, False, True]
    )


def _muat(n: int) -> int:
    """How many bars a chart slide shows of `n`."""
    return n if n <= BARIS_MAKS + 1 else BARIS_MAKS


def _persen_ringkas(value) -> str:
    """A target as set: `82%`, `83,82%`."""
    return fmt.ringkas(value) + "%" if _ada(value) else fmt.MISSING


def _tahun(label_sebelumnya: str) -> str:
    """`Partisipasi 2018` -> `partisipasi 2018`."""
    return label_sebelumnya[:1].lower() + label_sebelumnya[1:]


# --------------------------------------------------------------------------- the slides
def _slide_kosong(pemilihan: str, kata: Kata) -> Slide:
    return Slide(
        "kosong",
        _ringkasan(kata),
        "Belum ada data untuk pemilihan ini",
        subjudul=pemilihan,
        catatan=(
            "Unggah rekap DPT, daftar TPS, data KTP-el dan target partisipasi di halaman Unggah Data; "
            "slide rakor tersusun otomatis dari data itu."
        ),
    )


def _ringkasan(kata: Kata) -> str:
    """`Ringkasan Kota Probolinggo`: the topic of the first slide names the region."""
    return f"Ringkasan {kata.nama}" if kata.nama else f"Ringkasan {kata.wilayah_kecil}"


def _slide_ringkasan(kab, kec: pd.DataFrame, pemilihan: str, label_sebelumnya: str, kata: Kata) -> Slide:
    n = len(kec)
    merah, kuning, hijau = (_jumlah(kec, s) for s in ("merah", "kuning", "hijau"))
    if merah:
        judul = f"{merah} dari {n} kecamatan belum siap, {kuning} perlu perhatian"
    elif kuning:
        judul = f"Tidak ada kecamatan belum siap; {kuning} dari {n} perlu perhatian"
    else:
        judul = f"Seluruh {n} kecamatan siap"
    over = kab["tps_melebihi_kapasitas"]
    if not _ada(over):
        tps_ket = "data TPS belum lengkap"
    elif over:
        tps_ket = f"{fmt.angka(over)} TPS > {fmt.angka(kab['kapasitas_tps'])} pemilih"
    else:
        tps_ket = f"tidak ada TPS > {fmt.angka(kab['kapasitas_tps'])} pemilih"
    hijau_ktpel = kec["t_ktpel_hijau"].iloc[0]
    angka = [
        Angka("DPT (pemilih)", fmt.angka(kab["dpt"]), f"L {fmt.angka(kab['dpt_l'])} · P {fmt.angka(kab['dpt_p'])}"),
        Angka("TPS", fmt.angka(kab["tps"]), tps_ket),
        Angka("KTP-el terekam", fmt.persen(kab["ktpel_persen"]), f"target ≥ {fmt.ringkas(hijau_ktpel)}%"),
        Angka(
            "Target partisipasi",
            _persen_ringkas(kab["target_partisipasi"]),
            f"{label_sebelumnya}: {fmt.persen(kab['partisipasi_sebelumnya'], 1)}",
        ),
        Angka("kecamatan", fmt.angka(merah), status="merah"),
        Angka("kecamatan", fmt.angka(kuning), status="kuning"),
        Angka("kecamatan", fmt.angka(hijau), status="hijau"),
    ]
    tanggal = kab["tanggal_pemilihan"]
    sub = pemilihan + (f" · pemungutan suara {fmt.tanggal(tanggal)}" if _ada(tanggal) else "")
    return Slide("ringkasan", _ringkasan(kata), judul, subjudul=sub, angka=tuple(angka))


def _slide_peta(kec: pd.DataFrame, korwil_urut: list[str], bentuk: tuple, belum_korwil: str | None = None) -> Slide:
    """The status map (`bentuk`: the region's outlines); with korwil, the kecamatan not ready per
    korwil, else `belum_korwil` (the sentence saying the election has none) under the legend and
    the kecamatan not ready in one row."""
    merah = kec[kec["status"] == "merah"]
    per_korwil = merah.groupby(merah["korwil"].map(_korwil_nama)).size()
    per_korwil = [(k, int(per_korwil[k])) for k in korwil_urut if k in per_korwil.index]
    kuning = _jumlah(kec, "kuning")
    legenda = "Warna, tanda dan nama: ■ belum siap · ▲ perlu perhatian · ● siap"
    peta = Peta(
        tuple((k, s if isinstance(s, str) else None) for k, s in zip(kec["kode_kecamatan"], kec["status"])), bentuk
    )
    if belum_korwil:
        names = merah["kecamatan"].tolist()
        if names:
            shown = _daftar(names) if len(names) <= 3 else f"{', '.join(names[:3])} dan {len(names) - 3} lainnya"
            judul = f"{len(names)} kecamatan belum siap: {shown}"
        elif kuning:
            judul = f"Tidak ada kecamatan belum siap; {kuning} perlu perhatian"
        else:
            judul = "Seluruh kecamatan siap"
        return Slide(
            "peta",
            "Peta status kecamatan",
            judul,
            subjudul=f"{legenda} · {belum_korwil}",
            angka=tuple(Angka("kecamatan", fmt.angka(_jumlah(kec, s)), status=s) for s in ("merah", "kuning", "hijau")),
            kolom=("Belum siap",) if names else (),
            lebar=(13,) if names else (),
            baris=(Baris((", ".join(names),)),) if names else (),
            peta=peta,
        )
    if len(per_korwil) > 1:
        judul = f"Kecamatan belum siap ada di {len(per_korwil)} korwil: " + ", ".join(f"{k} {n}" for k, n in per_korwil)
    elif per_korwil:
        k, n = per_korwil[0]
        judul = f"Kecamatan belum siap hanya di {k}: {n} kecamatan"
    elif kuning:
        judul = f"Tidak ada kecamatan belum siap; {kuning} perlu perhatian"
    else:
        judul = "Seluruh kecamatan siap"
    angka = tuple(Angka("kecamatan", fmt.angka(_jumlah(kec, s)), status=s) for s in ("merah", "kuning", "hijau"))
    baris = []
    for k, _ in per_korwil:
        names = merah[merah["korwil"].map(_korwil_nama) == k]["kecamatan"].tolist()
        baris.append(Baris((k, ", ".join(names))))
    return Slide(
        "peta",
        "Peta status kecamatan",
        judul,
        subjudul=legenda,
        angka=angka,
        kolom=("Korwil", "Belum siap"),
        lebar=(5, 8),
        baris=tuple(baris),
        peta=peta,
    )


def _slides_korwil(kw_row, kec: pd.DataFrame, label_sebelumnya: str) -> list[Slide]:
    nama = _korwil_nama(kw_row["korwil"])
    rows = _urut_terberat(kec)
    n = len(rows)
    merah = rows[rows["status"] == "merah"]["kecamatan"].tolist()
    kuning = int((rows["status"] == "kuning").sum())
    hijau = int((rows["status"] == "hijau").sum())
    if merah:
        judul = f"{nama}: {len(merah)} dari {n} kecamatan belum siap ({_daftar(merah)})"
    elif kuning:
        judul = f"{nama}: tidak ada yang belum siap, {kuning} dari {n} kecamatan perlu perhatian"
    else:
        judul = f"{nama}: seluruh {n} kecamatan siap"
    koordinator = kw_row["koordinator"] if isinstance(kw_row["koordinator"], str) else "koordinator belum ditetapkan"
    sub = (
        f"{koordinator} · DPT {fmt.angka(kw_row['dpt'])} · {fmt.angka(kw_row['tps'])} TPS · "
        f"{len(merah)} belum siap, {kuning} perlu perhatian, {hijau} siap"
    )
    baris = [
        Baris((status_label(r["status"]), r["kecamatan"], _alasan(r, label_sebelumnya)), r["status"])
        for _, r in rows.iterrows()
    ]
    parts = [baris[i : i + BARIS_KORWIL_MAKS] for i in range(0, len(baris), BARIS_KORWIL_MAKS)] or [[]]
    out = []
    for i, part in enumerate(parts):
        lanjut = f" (lanjutan {i + 1}/{len(parts)})" if len(parts) > 1 else ""
        out.append(
            Slide(
                "korwil",
                f"Korwil: {nama}{lanjut}",
                judul,
                subjudul=sub,
                kolom=("Status", "Kecamatan", "Alasan"),
                lebar=(5, 4, 15),
                baris=tuple(part),
            )
        )
    return out


def _slide_perhatian(kec: pd.DataFrame, label_sebelumnya: str, dengan_korwil: bool = True) -> Slide | None:
    rows = _urut_terberat(kec[kec["status"].isin(["merah", "kuning"])])
    if rows.empty:
        return None
    top = rows.head(PERHATIAN_MAKS)
    names = top["kecamatan"].tolist()[:3]
    merah = int((rows["status"] == "merah").sum())
    judul = f"Tangani lebih dulu: {_daftar(names)}"
    sub = (
        f"{merah} kecamatan belum siap, {len(rows) - merah} perlu perhatian · urutan: status, jumlah indikator "
        "merah, lalu DPT terbanyak"
    )
    baris = tuple(
        Baris(
            (
                status_label(r["status"]),
                f"{i}. {r['kecamatan']}",
                *((_korwil_nama(r["korwil"]),) if dengan_korwil else ()),
                _alasan(r, label_sebelumnya),
            ),
            r["status"],
        )
        for i, (_, r) in enumerate(top.iterrows(), start=1)
    )
    rest = rows.iloc[len(top) :]
    catatan = ""
    if len(rest):
        counts = rest["status"].value_counts()
        parts = [f"{counts[s]} {teks.STATUS[s].lower()}" for s in ("merah", "kuning") if counts.get(s, 0)]
        catatan = f"+ {len(rest)} kecamatan lain ({', '.join(parts)})"
        catatan += ": rinciannya di slide per korwil" if dengan_korwil else ": rinciannya di halaman Kecamatan"
    return Slide(
        "perhatian",
        "Kecamatan yang paling perlu perhatian",
        judul,
        subjudul=sub,
        kolom=("Status", "Kecamatan", "Korwil", "Alasan") if dengan_korwil else ("Status", "Kecamatan", "Alasan"),
        lebar=(5, 4, 3, 13) if dengan_korwil else (5, 4, 16),
        baris=baris,
        catatan=catatan,
    )


def _slide_ktpel(kab, kec: pd.DataFrame, kata: Kata) -> Slide | None:
    data = kec.dropna(subset=["ktpel_persen"])
    if data.empty:
        return None
    hijau, kuning = float(kec["t_ktpel_hijau"].iloc[0]), float(kec["t_ktpel_kuning"].iloc[0])
    merah_n = int((data["status_ktpel"] == "merah").sum())
    kuning_n = int((data["status_ktpel"] == "kuning").sum())
    kab_persen = kab["ktpel_persen"]
    if _ada(kab_persen):
        posisi = "di bawah" if kab_persen < hijau else "mencapai"
        awal = f"KTP-el {fmt.persen(kab_persen)}, {posisi} target {fmt.ringkas(hijau)}%"
    else:
        awal = f"KTP-el: target {fmt.ringkas(hijau)}%"
    if merah_n or kuning_n:
        judul = (
            f"{awal}: {merah_n} kecamatan di bawah {fmt.ringkas(kuning)}%, {kuning_n} di bawah {fmt.ringkas(hijau)}%"
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
            f"data per {fmt.tanggal(tanggal.max())}" if len(tanggal) else "tanggal data tidak diketahui",
        ),
    )
    below = data[data["status_ktpel"].isin(["merah", "kuning"])].sort_values(["ktpel_persen", "kecamatan"])
    shown = below.head(_muat(len(below)))
    batang = tuple(
        Batang(
            r["kecamatan"],
            float(r["ktpel_persen"]),
            f"{fmt.persen(r['ktpel_persen'])} · belum rekam {fmt.angka(r['ktpel_wajib'] - r['ktpel_rekam'])}",
            r["status_ktpel"],
        )
        for _, r in shown.iterrows()
    )
    low = float(below["ktpel_persen"].min()) if len(below) else kuning
    sumbu_min = max(0.0, math.floor(min(low, kuning) - 1))
    catatan_parts = []
    if len(below) > len(shown):
        catatan_parts.append(f"+ {len(below) - len(shown)} kecamatan lain di bawah {fmt.ringkas(hijau)}%")
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
        f"Perlu perhatian < {fmt.ringkas(hijau)}% · Siap ≥ {fmt.ringkas(hijau)}%"
    )
    return Slide(
        "ktpel", "Perekaman KTP-el", judul, subjudul=sub, angka=angka, grafik=grafik, catatan="; ".join(catatan_parts)
    )


def _slide_partisipasi(kab, kec: pd.DataFrame, label_sebelumnya: str, kata: Kata) -> Slide | None:
    data = kec.dropna(subset=["selisih_partisipasi"])
    if data.empty:
        return None
    hijau, kuning = float(kec["t_partisipasi_hijau"].iloc[0]), float(kec["t_partisipasi_kuning"].iloc[0])
    merah_n = int((data["status_partisipasi"] == "merah").sum())
    kuning_n = int((data["status_partisipasi"] == "kuning").sum())
    target = kab["target_partisipasi"]
    awal = f"Target partisipasi {fmt.ringkas(target)}%" if _ada(target) else "Target partisipasi"
    if merah_n:
        judul = (
            f"{awal}: {merah_n} kecamatan harus naik lebih dari {fmt.ringkas(kuning)} poin dari "
            f"{_tahun(label_sebelumnya)}"
        )
    elif kuning_n:
        judul = (
            f"{awal}: {kuning_n} kecamatan harus naik {fmt.ringkas(hijau)}–{fmt.ringkas(kuning)} poin dari "
            f"{_tahun(label_sebelumnya)}"
        )
    else:
        judul = f"{awal}: semua kecamatan dalam {fmt.ringkas(hijau)} poin dari {_tahun(label_sebelumnya)}"
    gap = data[data["status_partisipasi"].isin(["merah", "kuning"])].sort_values(
        ["selisih_partisipasi", "kecamatan"], ascending=[False, True]
    )
    shown = gap.head(_muat(len(gap)))
    batang = tuple(
        Batang(
            r["kecamatan"],
            float(r["selisih_partisipasi"]),
            f"+{fmt.ringkas(r['selisih_partisipasi'])} poin ({fmt.ringkas(r['partisipasi_sebelumnya'])}% "
            f"→ {fmt.ringkas(r['target_partisipasi'])}%)",
            r["status_partisipasi"],
        )
        for _, r in shown.iterrows()
    )
    top = float(gap["selisih_partisipasi"].max()) if len(gap) else kuning
    grafik = Grafik(
        f"Kenaikan yang dibutuhkan dari {_tahun(label_sebelumnya)} ke target (poin)",
        batang,
        0.0,
        float(max(top, kuning) * 1.05),
        ((hijau, f"{fmt.ringkas(hijau)} poin"), (kuning, f"{fmt.ringkas(kuning)} poin")),
    )
    angka = (
        Angka(f"Target {kata.wilayah_kecil}", _persen_ringkas(target), "target partisipasi pemilihan ini"),
        Angka(label_sebelumnya, fmt.persen(kab["partisipasi_sebelumnya"], 1), "rata-rata berbobot DPT"),
    )
    catatan_parts = []
    if len(gap) > len(shown):
        rest = gap.iloc[len(shown) :]
        catatan_parts.append(
            f"+ {len(rest)} kecamatan lain selisih {fmt.ringkas(rest['selisih_partisipasi'].min())}–"
            f"{fmt.ringkas(rest['selisih_partisipasi'].max())} poin"
        )
    siap = int((data["status_partisipasi"] == "hijau").sum())
    catatan_parts.append(f"{siap} kecamatan selisih ≤ {fmt.ringkas(hijau)} poin (siap)")
    sub = (
        f"Target dibanding {_tahun(label_sebelumnya)} per kecamatan · Belum siap > {fmt.ringkas(kuning)} poin · "
        f"Perlu perhatian > {fmt.ringkas(hijau)} poin"
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


def masalah_tersedia(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the inventory of problems (readiness/masalah/) exists in this database with the columns the
    slide reads; until then the slide is left out."""
    cols = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'masalah'"
        ).fetchall()
    }
    return {"election_id", "kode_kecamatan", "status", "tingkat"} <= cols


def _slide_masalah(con, election: str, kec: pd.DataFrame, dengan_korwil: bool = True) -> Slide | None:
    if not masalah_tersedia(con):
        return None
    df = db.run(con, "marts/masalah_terbuka", election=election, selesai=list(MASALAH_SELESAI))
    df = df[df["terbuka"] > 0]
    if df.empty:
        return None
    names = dict(zip(kec["kode_kecamatan"], kec["kecamatan"]))
    korwil = dict(zip(kec["kode_kecamatan"], kec["korwil"]))
    df = df.assign(kecamatan=df["kode_kecamatan"].map(names).fillna(df["kode_kecamatan"]))
    df = df.sort_values(["terbuka", "tinggi", "kecamatan"], ascending=[False, False, True])
    total, tinggi = int(df["terbuka"].sum()), int(df["tinggi"].sum())
    top = df.iloc[0]
    judul = (
        f"{fmt.angka(total)} masalah belum selesai di {len(df)} kecamatan"
        + (f" ({fmt.angka(tinggi)} tingkat tinggi)" if tinggi else "")
        + f"; terbanyak {top['kecamatan']} ({fmt.angka(top['terbuka'])})"
    )
    shown = df.head(BARIS_MAKS)
    baris = tuple(
        Baris(
            (
                r["kecamatan"],
                *((_korwil_nama(korwil.get(r["kode_kecamatan"])),) if dengan_korwil else ()),
                fmt.angka(r["terbuka"]),
                fmt.angka(r["tinggi"]),
            )
        )
        for _, r in shown.iterrows()
    )
    catatan = f"+ {len(df) - len(shown)} kecamatan lain" if len(df) > len(shown) else ""
    return Slide(
        "masalah",
        "Inventarisasi permasalahan",
        judul,
        subjudul="Masalah yang dilaporkan camat/OPD dan belum selesai, per kecamatan",
        kolom=("Kecamatan", "Korwil", "Masalah terbuka", "Tingkat tinggi")
        if dengan_korwil
        else ("Kecamatan", "Masalah terbuka", "Tingkat tinggi"),
        lebar=(4, 3, 3, 3) if dengan_korwil else (4, 3, 3),
        baris=baris,
        catatan=catatan,
    )


def _slide_lapor(lapor_cur, con, election: str) -> Slide | None:
    """Election day (field reports, readiness/lapor/): TPS reported for the stage under way, the turnout so far against
    the target, open incidents, and the kecamatan lagging most. Only when reports exist."""
    from .. import lapor

    if lapor_cur is None or not lapor.ada_laporan(lapor_cur, election):
        return None
    daftar = lapor.DaftarTps.dari_db(con, election)
    if not len(daftar):
        return None
    kec = model.partisipasi(con, election)
    r = lapor.ringkasan(lapor_cur, daftar, kec)
    tahap = lapor.tahap_berjalan(r)
    r = lapor.ringkasan(lapor_cur, daftar, kec, tahap)
    kab, per_kec = r["kabupaten"], r["kecamatan"]
    nama = lapor.TAHAP[tahap].lower()
    n, sudah = int(kab["tps"]), int(kab[f"lapor_{tahap}"])
    judul = f"{fmt.angka(sudah)} dari {fmt.angka(n)} TPS sudah lapor {nama}"
    if _ada(kab["partisipasi"]):
        judul += f"; partisipasi sementara {fmt.persen(kab['partisipasi'], 1)}"
        if _ada(kab["target_partisipasi"]):
            judul += f" (target {fmt.ringkas(round(kab['target_partisipasi'], 2))}%)"
    terbuka = int(per_kec["kejadian_terbuka"].sum())
    angka = (
        Angka(
            f"TPS lapor {nama}",
            f"{fmt.angka(sudah)}/{fmt.angka(n)}",
            f"{fmt.persen(100 * sudah / n, 1)} TPS" if n else "",
        ),
        Angka(
            "Partisipasi sementara",
            fmt.persen(kab["partisipasi"], 1),
            f"{fmt.angka(kab['hadir'])} pemilih di {fmt.angka(kab['tps_hadir'])} TPS yang melapor",
        ),
        Angka("Kejadian terbuka", fmt.angka(terbuka), "dilaporkan dari TPS, belum ditandai selesai"),
    )
    data = per_kec[per_kec["tps"] > 0].assign(_p=lambda d: 100.0 * d[f"lapor_{tahap}"] / d["tps"])
    data = data.sort_values(["_p", "kecamatan"])
    shown = data.head(_muat(len(data)))

    def teks_batang(row) -> str:
        part = f" · partisipasi {fmt.persen(row['partisipasi'], 1)}" if _ada(row["partisipasi"]) else ""
        buka = f" · {fmt.angka(row['kejadian_terbuka'])} kejadian" if row["kejadian_terbuka"] else ""
        return f"{fmt.angka(row[f'lapor_{tahap}'])}/{fmt.angka(row['tps'])} TPS{part}{buka}"

    batang = tuple(
        Batang(
            r_["kecamatan"],
            float(r_["_p"]),
            teks_batang(r_),
            "hijau" if r_["_p"] >= 100 else ("kuning" if r_["_p"] >= 50 else "merah"),
        )
        for _, r_ in shown.iterrows()
    )
    grafik = Grafik(
        f"TPS yang sudah lapor {nama} per kecamatan (%), paling tertinggal di atas",
        batang,
        0.0,
        100.0,
        ((50.0, "50%"), (100.0, "100%")),
    )
    lengkap = int((data["_p"] >= 100).sum())
    catatan = f"{lengkap} dari {len(data)} kecamatan sudah lengkap; daftar TPS belum lapor di halaman Hari Pemungutan"
    if len(data) > len(shown):
        catatan = f"+ {len(data) - len(shown)} kecamatan lain; " + catatan
    return Slide(
        "lapor",
        "Hari pemungutan suara",
        judul,
        subjudul=f"Laporan cepat dari TPS, per {dt.datetime.now():%H.%M} · tahap {nama}",
        angka=angka,
        grafik=grafik,
        catatan=catatan,
    )


# --------------------------------------------------------------------------- the deck
def build(con: duckdb.DuckDBPyConnection, election: str, lapor=None) -> Deck:
    """Every slide for `election` from the active data (queries: marts/kecamatan, marts/korwil,
    marts/kabupaten, marts/data_terakhir, marts/wilayah_kata, marts/kecamatan_batas (the map), marts/masalah_terbuka
    when the inventory exists, and the
    field reports of election day through `lapor` (queries/lapor/*) when reports exist)."""
    cur = model.kesiapan_cursor(con, election)
    kec = model.kecamatan(cur, election)
    kw = model.korwil(cur, election)
    kab = model.kabupaten(cur, election).iloc[0]
    label = model.previous_label(cur, election)
    words = kata(cur, election)
    region = {"wilayah": words.nama, "pemilihan_singkat": words.pemilihan_singkat}
    info = db.run(cur, "marts/data_terakhir", election=election).iloc[0]
    data_per = info["terakhir_diunggah"]
    data_per = data_per.to_pydatetime() if _ada(data_per) and str(data_per) != "NaT" else None
    pemilihan = kab["pemilihan"] if isinstance(kab["pemilihan"], str) else election
    tanggal = kab["tanggal_pemilihan"]
    tanggal = tanggal.date() if hasattr(tanggal, "date") and _ada(tanggal) and str(tanggal) != "NaT" else None
    if kec.empty or kec["jumlah_jenis_data"].sum() == 0:
        return Deck(election, pemilihan, tanggal, data_per, (_slide_kosong(pemilihan, words),), **region)
    # Korwil are optional: an election without them has no korwil slides, and says so on the map.
    belum_korwil = model.belum_korwil(kec["korwil"], pemilihan)
    korwil_urut = [_korwil_nama(k) for k in kw["korwil"]]
    slides: list[Slide] = [_slide_ringkasan(kab, kec, pemilihan, label, words)]
    # `lapor`: a cursor of the field reports' database (readiness/lapor/), when it can be read.
    hari_h = _slide_lapor(lapor, cur, election)
    if hari_h is not None:
        slides.append(hari_h)
    slides.append(_slide_peta(kec, korwil_urut, tuple(charts.kecamatan_shapes(cur).values()), belum_korwil))
    for _, row in kw.iterrows() if not belum_korwil else ():
        mine = kec[kec["korwil"].map(_korwil_nama) == _korwil_nama(row["korwil"])]
        slides += _slides_korwil(row, mine, label)
    for extra in (
        _slide_perhatian(kec, label, dengan_korwil=not belum_korwil),
        _slide_ktpel(kab, kec, words),
        _slide_partisipasi(kab, kec, label, words),
        _slide_masalah(cur, election, kec, dengan_korwil=not belum_korwil),
    ):
        if extra is not None:
            slides.append(extra)
    return Deck(election, pemilihan, tanggal, data_per, tuple(slides), **region)
