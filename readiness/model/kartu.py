"""The headline figures at the top of each dashboard page (Kartu: label, value, the line under it),
already in words and id-ID numbers, so a page only lays them side by side. Reads the frames the
page data already holds (readiness.model.halaman); runs no query. A page without data shows what to
upload instead, so the page data hold no Kartu then."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import fmt, teks
from ..wilayah.kata import Kata


@dataclass(frozen=True)
class Kartu:
    judul: str
    nilai: str
    keterangan: str | None = None


def ringkasan(kab) -> list[Kartu]:
    """DPT, TPS, KTP-el and the participation target of the kabupaten (one row of marts/kabupaten)."""
    over = kab["tps_melebihi_kapasitas"]
    if pd.isna(over):
        tps_keterangan = "Data TPS belum lengkap"
    elif over:
        tps_keterangan = f"{fmt.angka(over)} TPS melebihi {fmt.angka(kab['kapasitas_tps'])} pemilih"
    else:
        tps_keterangan = "Tidak ada TPS melebihi kapasitas"
    return [
        Kartu(
            "DPT (jumlah pemilih)",
            fmt.besar(kab["dpt"]),
            # The nation's 216.699.979 does not fit a card at 1024 px: `216,7 juta`, whole here.
            ("" if fmt.besar(kab["dpt"]) == fmt.angka(kab["dpt"]) else f"{fmt.angka(kab['dpt'])} pemilih · ")
            + f"Laki-laki {fmt.angka(kab['dpt_l'])} · Perempuan {fmt.angka(kab['dpt_p'])}",
        ),
        Kartu("TPS", fmt.angka(kab["tps"]), tps_keterangan),
        rekam_ktpel(kab, belum="Data KTP-el belum lengkap"),
        Kartu(
            "Target partisipasi",
            fmt.partisipasi(kab["target_partisipasi"]),
            f"Partisipasi pemilihan sebelumnya {fmt.partisipasi(kab['partisipasi_sebelumnya'])}",
        ),
    ]


def _per_status(satuan: str, jumlah) -> list[Kartu]:
    """How many `satuan` are Belum siap, Perlu perhatian and Siap (`jumlah`: status → count)."""
    return [
        Kartu(f"{teks.status_label(status)} ({satuan})", fmt.angka(jumlah(status)))
        for status in ("merah", "kuning", "hijau")
    ]


def status_kecamatan(kab) -> list[Kartu]:
    """How many kecamatan are Belum siap, Perlu perhatian and Siap."""
    return _per_status("kecamatan", lambda status: kab[f"jumlah_{status}"])


@dataclass(frozen=True)
class TotalKabkota:
    """A kab/kota known by its total alone (a row of KPU's recap per kab/kota), shown on the page of
    one of its kecamatan in place of figures it does not have: the kab/kota's, named as its own."""

    kode: str
    nama: str
    pesan: str
    kartu: list[Kartu]


def total_kabkota(daftar: pd.DataFrame | None, kecamatan_kode: str, kecamatan: str, desa: str) -> TotalKabkota | None:
    """The total of the kab/kota of kecamatan `kecamatan_kode` (`daftar`: the rated kab/kota of a
    province, readiness.model.kabkota) while it stands for all its kecamatan (`rincian` says so),
    else None; `desa`: the region's word for its desa (`desa/kelurahan`)."""
    if daftar is None:
        return None
    rows = daftar[daftar["kode_kabkota"] == kecamatan_kode.rsplit(".", 1)[0]]
    if rows.empty or not isinstance(rows["rincian"].iloc[0], str):
        return None
    row = rows.iloc[0]
    nama = row["kabkota"]
    return TotalKabkota(
        row["kode_kabkota"],
        nama,
        f"{nama} baru diketahui totalnya: {row['rincian']}, jadi Kecamatan {kecamatan} belum punya angka "
        f"sendiri. Angka di bawah ini milik seluruh {nama}, bukan kecamatan ini; unggah rekap DPT {nama} per "
        f"kecamatan atau per {desa} untuk melihat rinciannya.",
        [
            Kartu(
                f"DPT {nama}",
                fmt.angka(row["dpt"]),
                f"Laki-laki {fmt.angka(row['dpt_l'])} · Perempuan {fmt.angka(row['dpt_p'])}",
            ),
            Kartu(f"TPS {nama}", fmt.angka(row["tps"])),
        ],
    )


def status_kabkota(daftar) -> list[Kartu]:
    """How many kab/kota of a province (or the nation) are Belum siap, Perlu perhatian and Siap
    (their rated rows), as its map and table colour them."""
    return _per_status("kab/kota", lambda status: int((daftar["status"] == status).sum()))


def rekam_ktpel(row, tambahan: str = "", belum: str | None = None) -> Kartu:
    """An area's KTP-el recording: the percentage, and how many of those required (then `tambahan`);
    without its figures `belum` in their place (`Data KTP-el belum diunggah`) when given."""
    if belum and pd.isna(row["ktpel_wajib"]):
        return Kartu("Perekaman KTP-el", fmt.persen(row["ktpel_persen"]), belum)
    return Kartu(
        "Perekaman KTP-el",
        fmt.persen(row["ktpel_persen"]),
        f"{fmt.angka(row['ktpel_rekam'])} dari {fmt.angka(row['ktpel_wajib'])} wajib KTP-el{tambahan}",
    )


def target(row, label_sebelumnya: str) -> Kartu:
    """The participation target of an area, with the previous election's turnout under it."""
    return Kartu(
        "Target partisipasi",
        fmt.partisipasi(row["target_partisipasi"]),
        f"{label_sebelumnya}: {fmt.partisipasi(row['partisipasi_sebelumnya'])}",
    )


def kecamatan(row, label_sebelumnya: str) -> list[Kartu]:
    """DPT, TPS, KTP-el and the participation target of one kecamatan (a row of marts/kecamatan)."""
    sumber = row["dpt_sumber"] if isinstance(row["dpt_sumber"], str) and row["dpt_sumber"] else fmt.MISSING
    return [
        Kartu(
            "DPT",
            fmt.angka(row["dpt"]),
            f"Laki-laki {fmt.angka(row['dpt_l'])} · Perempuan {fmt.angka(row['dpt_p'])} · sumber: {sumber}",
        ),
        Kartu(
            "TPS",
            fmt.angka(row["tps"]),
            "Data TPS belum diunggah"  # the count of TPS from the recap alone
            if pd.isna(row["pemilih_per_tps_maks"])
            else f"Terbanyak {fmt.angka(row['pemilih_per_tps_maks'])} pemilih · rata-rata "
            f"{fmt.angka(row['pemilih_per_tps_rata'], 1)}",
        ),
        rekam_ktpel(
            row,
            f" · data {fmt.tanggal(row['ktpel_tanggal'])}" if row["ada_ktpel"] else "",
            belum="Data KTP-el belum diunggah",
        ),
        target(row, label_sebelumnya),
    ]


def cakupan_daftar(kec: pd.DataFrame) -> str:
    """Which kecamatan the per-voter list's figures (pemula, disabilitas, KTP-el per person)
    count: `dari daftar pemilih 1 kecamatan: Lumbang`; `kec` as for `pemilih`."""
    return fmt.cakupan("daftar pemilih", kec.loc[kec["daftar_dpt"].notna(), "kecamatan"], kec["kecamatan"])


def pemilih(kec: pd.DataFrame) -> list[Kartu]:
    """DPT by sex and the pemilih pemula of the kabupaten; `kec` is marts/kecamatan with the voter
    groups of the per-voter list beside it (empty where a kecamatan has none). A figure summed
    over only some kecamatan names them."""
    total = kec["dpt"].sum(min_count=1)
    with_list = kec[kec["daftar_dpt"].notna()]
    ada_dpt = kec[kec["dpt"].notna()]
    sebagian = (
        "" if len(ada_dpt) == len(kec) else " · " + fmt.cakupan("data pemilih", ada_dpt["kecamatan"], kec["kecamatan"])
    )

    def bagian(col: str) -> str:
        return f"{fmt.persen(100 * kec[col].sum() / total, 1) if total else fmt.MISSING} dari DPT{sebagian}"

    if with_list.empty:
        pemula = Kartu("Pemilih pemula", fmt.MISSING, "Perlu daftar pemilih per orang")
    else:
        pemula = Kartu(
            "Pemilih pemula",
            fmt.angka(with_list["pemula"].sum()),
            f"17–21 tahun pada hari pemungutan suara, {cakupan_daftar(kec)} "
            f"({fmt.angka(with_list['daftar_dpt'].sum())} pemilih)",
        )
    return [
        Kartu(
            "DPT",
            fmt.angka(total if kec["dpt"].notna().all() else None),
            f"{fmt.angka(kec['dpt'].notna().sum())} dari {fmt.angka(len(kec))} kecamatan ada data pemilih",
        ),
        Kartu("Laki-laki", fmt.angka(kec["dpt_l"].sum(min_count=1)), bagian("dpt_l")),
        Kartu("Perempuan", fmt.angka(kec["dpt_p"].sum(min_count=1)), bagian("dpt_p")),
        pemula,
    ]


def tps(
    tps_df: pd.DataFrame, over: pd.DataFrame, kapasitas: int | None, kata: Kata, semua_kecamatan=None
) -> list[Kartu]:
    """The TPS of the chosen area (rows of marts/tps), those over `kapasitas`, the largest and mean;
    for the whole region (`semua_kecamatan`: its kecamatan), a list that covers only some names them."""
    if tps_df.empty:
        return []
    kecamatan = tps_df["kecamatan"].unique()
    sebagian = semua_kecamatan is not None and len(kecamatan) < len(semua_kecamatan)
    sumber = fmt.cakupan("daftar TPS", kecamatan, semua_kecamatan) if sebagian else "dalam daftar TPS"
    return _tps_kartu(
        dict(
            tps=len(tps_df),
            desa=tps_df["kode_desa"].nunique(),
            tps_lebih=len(over),
            kapasitas_tps=kapasitas,
            dpt_maks=tps_df["dpt"].max(),
            dpt_rata=tps_df["dpt"].mean(),
            dpt=tps_df["dpt"].sum(min_count=1),
        ),
        kata,
        sumber,
        "jumlah pemilih " + (sumber if sebagian else "menurut daftar TPS"),
    )


def tps_wilayah(jumlah, kata: Kata) -> list[Kartu]:
    """The cards of kartu.tps from the region's totals (a row of marts/tps_jumlah)."""
    return _tps_kartu(jumlah, kata, "dalam daftar TPS", "jumlah pemilih menurut daftar TPS")


def _tps_kartu(jumlah, kata: Kata, sumber: str, pemilih_sumber: str) -> list[Kartu]:
    kapasitas = fmt.angka(jumlah["kapasitas_tps"])
    return [
        Kartu("TPS", fmt.angka(jumlah["tps"]), f"{sumber} · {fmt.angka(jumlah['desa'])} {kata.desa}"),
        Kartu(
            f"TPS > {kapasitas} pemilih",
            fmt.angka(jumlah["tps_lebih"]),
            f"Kapasitas per TPS untuk pemilihan ini: {kapasitas} pemilih",
        ),
        Kartu(
            "Terbanyak per TPS",
            fmt.angka(jumlah["dpt_maks"]),
            f"Rata-rata {fmt.angka(jumlah['dpt_rata'], 1)} pemilih per TPS",
        ),
        Kartu("Pemilih", fmt.angka(jumlah["dpt"]), pemilih_sumber),
    ]


def ktpel(kab, kec: pd.DataFrame, hijau: float, kuning: float, kata: Kata) -> list[Kartu]:
    """Coverage of the region, not yet recorded, and how many kecamatan are under the thresholds;
    `kec` is marts/kecamatan with `ktpel_belum`."""
    dates = kec["ktpel_tanggal"].dropna()
    counts = kec["status_ktpel"].value_counts()
    return [
        Kartu(
            f"Cakupan {kata.wilayah_kecil}",
            fmt.persen(kab["ktpel_persen"]),
            f"Data per {fmt.tanggal(dates.max())}" if len(dates) else "Tanggal data tidak diketahui",
        ),
        Kartu("Wajib KTP-el", fmt.angka(kab["ktpel_wajib"]), f"Sudah rekam {fmt.angka(kab['ktpel_rekam'])}"),
        Kartu(
            "Belum rekam",
            fmt.angka(kec["ktpel_belum"].sum(min_count=1)),
            fmt.cakupan("data KTP-el", kec.loc[kec["ktpel_wajib"].notna(), "kecamatan"], kec["kecamatan"]),
        ),
        Kartu(
            f"Di bawah {fmt.ringkas(hijau)}%",
            fmt.angka(counts.get("kuning", 0) + counts.get("merah", 0)),
            f"kecamatan; {fmt.angka(counts.get('merah', 0))} di antaranya di bawah {fmt.ringkas(kuning)}% (belum siap)",
        ),
    ]


def partisipasi(kab, part: pd.DataFrame, label_sebelumnya: str, hijau: float, kuning: float, kata: Kata) -> list[Kartu]:
    """The region's target and previous turnout, and how many kecamatan fall short by how much."""
    counts = part["status_partisipasi"].value_counts()
    return [
        Kartu(
            f"Target {kata.wilayah_kecil}",
            fmt.partisipasi(kab["target_partisipasi"]),
            "target partisipasi pemilihan ini",
        ),
        Kartu(label_sebelumnya, fmt.partisipasi(kab["partisipasi_sebelumnya"]), "rata-rata kecamatan berbobot DPT"),
        Kartu(
            f"Selisih > {fmt.ringkas(kuning)} poin",
            fmt.angka(counts.get("merah", 0)),
            f"kecamatan · {teks.status_label('merah')}",
        ),
        Kartu(
            f"Selisih {fmt.ringkas(hijau)}–{fmt.ringkas(kuning)} poin",
            fmt.angka(counts.get("kuning", 0)),
            f"kecamatan · {teks.status_label('kuning')}",
        ),
    ]


def realisasi(done: pd.DataFrame, semua_kecamatan) -> list[Kartu]:
    """Realised turnout of the kecamatan that have it (`done`, rows of marts/partisipasi), naming
    them while not every kecamatan (`semua_kecamatan`, their names) has it."""
    total = done["pengguna_hak_pilih"].sum()
    cakupan = fmt.cakupan("data pengguna hak pilih", done["kecamatan"], semua_kecamatan)
    return [
        Kartu("Pengguna hak pilih", fmt.angka(total), cakupan),
        Kartu("Partisipasi terealisasi", fmt.partisipasi(100 * total / done["dpt"].sum()), cakupan),
        Kartu("Kecamatan di bawah target", fmt.angka(int((done["selisih_realisasi"] < 0).sum()))),
    ]
