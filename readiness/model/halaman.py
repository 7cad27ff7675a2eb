"""Everything a dashboard page shows, one function per page (PAGES), so the figures can be tested,
benchmarked (bench/bench_pages.py) and exported without Streamlit. Each returns a dict: the
DataFrames, named after the query that made them, and what the page decides from them — `kosong`
(nothing to show: the page says what to upload instead), `belum_korwil` (the sentence shown
instead of anything grouped by korwil while the election has none; None otherwise), `kartu` (the
headline figures, readiness.model.kartu), the rows it lists in their order and the lines it shows
in words. The pages only display them."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import db, fmt, teks
from ..wilayah.kata import Kata, kata
from . import kartu
from ._nilai import present as _present
from ._nilai import records
from .alasan import indikator, tindak_lanjut
from .jenjang import urut_tps
from .kabkota import berdata as kabkota_berdata
from .kabkota import kabkota as kabkota_kesiapan
from .kelengkapan import kelengkapan_kabkota, matriks
from .kesiapan import kesiapan, kesiapan_cursor
from .laporan import (
    desa_kesiapan,
    kabupaten,
    kecamatan,
    kelengkapan,
    korwil,
    ktpel_tren_kabupaten,
    partisipasi,
    tps,
    versi,
    whole,
)
from .pemilih import DISABILITAS, pemilih_desa, pemilih_kecamatan
from .pemilihan import pemilihan_label, previous_label
from .penugasan import belum_korwil

STATUS_ORDER = teks.PERINGKAT_STATUS
WILAYAH_ATAS = ("provinsi", "nasional")  # regions whose Ringkasan lists their kab/kota


@dataclass(frozen=True)
class Dasar:
    """What every page of one election shares at one data version, computed once.

    int_kecamatan is a view over all active uploads (the per-voter list alone can be 870.000
    rows); planning and evaluating it is most of a page's cost. The app keeps one Dasar per data
    version and election (app/baca.py), so moving between pages only runs each page's own
    marts, over the kept rows (`kesiapan_kecamatan`). Treat it as read-only: it is shared by
    every session."""

    rows: object  # int_kecamatan rows of the election (Arrow table), see `kesiapan`
    kecamatan: pd.DataFrame  # marts/kecamatan with `alasan` and `tindak_lanjut`
    kabupaten: pd.DataFrame  # marts/kabupaten
    kelengkapan: pd.DataFrame  # marts/kelengkapan
    versi: pd.DataFrame  # marts/versi_data
    pemilihan: str  # `Pemilihan … (pemungutan suara 27 November 2024)`
    label_sebelumnya: str  # `Partisipasi 2018`
    kata: Kata  # the words of the region and the election (Kabupaten/Kota, Bupati/Wali Kota, desa/kelurahan)
    # In a province or the nation: each kab/kota rated (readiness.model.kabkota), which Ringkasan
    # and Korwil both list (514 kab/kota: worded once per data version); None in a kab/kota.
    kabkota: pd.DataFrame | None = None
    # In a province or the nation: Ringkasan's completeness matrix of its kab/kota, worded
    # (readiness.model.kelengkapan.matriks); None in a kab/kota.
    kelengkapan_kabkota: pd.DataFrame | None = None

    def cursor(self, con: duckdb.DuckDBPyConnection, election: str) -> duckdb.DuckDBPyConnection:
        return kesiapan_cursor(con, election, self.rows)


def dasar(con: duckdb.DuckDBPyConnection, election: str) -> Dasar:
    """Queries: int_kecamatan (once), marts/kecamatan, marts/kabupaten, marts/kelengkapan,
    marts/versi_data, marts/wilayah_kata; in a province or the nation marts/kabkota_nilai and
    marts/kelengkapan_kabkota."""
    rows = kesiapan(con, election)
    cur = kesiapan_cursor(con, election, rows)
    kec = kecamatan(cur, election)
    kec["tindak_lanjut"] = [tindak_lanjut(row) for row in records(kec)]
    words = kata(cur, election)
    atas = words.jenis in WILAYAH_ATAS
    return Dasar(
        rows,
        kec,
        kabupaten(cur, election),
        kelengkapan(cur, election),
        versi(cur, election),
        pemilihan_label(cur, election),
        previous_label(cur, election),
        words,
        kabkota_kesiapan(cur, election) if atas else None,
        matriks(kelengkapan_kabkota(cur, election)) if atas else None,
    )


def _tanpa_data(kecamatan_df: pd.DataFrame) -> bool:
    """No kind of data uploaded for any kecamatan of the election."""
    return bool(kecamatan_df["jumlah_jenis_data"].sum() == 0)


def _dengan_rincian(korwil_df: pd.DataFrame) -> pd.DataFrame:
    """marts/korwil with `rincian` (`2 belum siap · 4 perlu perhatian · 2 siap`) and `rincian_lengkap`
    (the same with `(dari 8 kecamatan)`)."""
    rincian = [
        f"{fmt.angka(r.jumlah_merah)} belum siap · {fmt.angka(r.jumlah_kuning)} perlu perhatian · "
        f"{fmt.angka(r.jumlah_hijau)} siap"
        for r in korwil_df.itertuples()
    ]
    return korwil_df.assign(
        rincian=rincian,
        rincian_lengkap=[
            f"{text} (dari {fmt.angka(n)} kecamatan)" for text, n in zip(rincian, korwil_df["jumlah_kecamatan"])
        ],
    )


def _start(con, election: str, base: Dasar | None):
    """(cursor over the shared rows, the shared part of every page's data)."""
    base = base or dasar(con, election)
    shared = {
        "kecamatan": base.kecamatan.copy(),
        "kabupaten": base.kabupaten.copy(),
        "kelengkapan": base.kelengkapan.copy(),
        "versi": base.versi,
        "pemilihan": base.pemilihan,
        "label_sebelumnya": base.label_sebelumnya,
        # The sentence pages and slides show instead of their korwil parts, None with korwil.
        "belum_korwil": belum_korwil(base.kecamatan["korwil"], base.kabupaten["pemilihan"].iloc[0]),
        "kata": base.kata,
    }
    return base.cursor(con, election), shared


def halaman_ringkasan(con, election: str, base: Dasar | None = None, kabkota: str | None = None) -> dict:
    """Queries: marts/kabupaten, marts/kecamatan, marts/korwil, marts/kelengkapan, marts/versi_data;
    in a province (or the nation) the kab/kota rated and their completeness matrix, as `base`
    keeps them (marts/kabkota_nilai, marts/kelengkapan_kabkota).

    `kabkota_daftar`: the kab/kota rows a province lists (None in a kab/kota installation);
    `kabkota`: the kab/kota looked at (`74.06`; None for the whole region), whose kecamatan alone
    the page then shows, with its own headline figures."""
    base = base or dasar(con, election)
    cur, out = _start(con, election, base)
    kab, kosong = out["kabupaten"].iloc[0], _tanpa_data(out["kecamatan"])
    daftar = None if base.kabkota is None else base.kabkota.copy()
    if daftar is not None and kabkota in set(daftar["kode_kabkota"]):
        kab = daftar.set_index("kode_kabkota").loc[kabkota]
        for name in ("kecamatan", "kelengkapan"):
            out[name] = out[name][out[name]["kode_kecamatan"].str.startswith(kabkota + ".")].reset_index(drop=True)
        # A kab/kota known by its total alone (KPU's national recap) shows that total.
        kosong = _tanpa_data(out["kecamatan"]) and not kabkota_berdata(daftar[daftar["kode_kabkota"] == kabkota])
    else:
        kabkota = None
        kosong = kosong and not kabkota_berdata(daftar)
    # A province's (or the nation's) own view counts its kab/kota per status, as its map and table.
    per_status = kartu.status_kabkota(daftar) if daftar is not None and kabkota is None else None
    return {
        **out,
        # The places in no korwil (where others are in one) as the row `Tanpa korwil`.
        "korwil": _dengan_rincian(korwil(cur, election)).fillna({"korwil": teks.TANPA_KORWIL}),
        "kabkota_daftar": daftar,
        # The completeness matrix of a province's kab/kota (kind of data, date, sender), worded.
        "kelengkapan_kabkota": base.kelengkapan_kabkota,
        "kabkota": kabkota,
        "kosong": kosong,
        "kartu": [] if kosong else kartu.ringkasan(kab),
        "kartu_status": [] if kosong else per_status or kartu.status_kecamatan(kab),
    }


def _kabkota_kelompok(cur, rated: pd.DataFrame) -> pd.DataFrame:
    """In a province: every kab/kota with its rating (`rated`: readiness.model.kabkota; a kab/kota
    without data by name only), for the kab/kota a korwil lists."""
    names = db.run(cur, "marts/kabkota_daftar")
    rated = rated.drop(columns="kabkota", errors="ignore")
    return names.merge(rated, on="kode_kabkota", how="left")


def _kelompok(own: pd.DataFrame, koordinator, kabkota: pd.DataFrame | None) -> dict:
    """One korwil's kecamatan (`own`), those to follow up, and in a province its kab/kota."""
    todo = own[(own["status"] != "hijau") | (own["masalah_terbuka"] > 0)]
    todo = todo.assign(_urut=todo["status"].map(STATUS_ORDER)).sort_values(["_urut", "kecamatan"])
    out = {"kecamatan": own, "tindak_lanjut": todo.drop(columns="_urut"), "koordinator": koordinator}
    if kabkota is not None:
        codes = set(own["kode_kecamatan"].str.rsplit(".", n=1).str[0])
        out["kabkota"] = kabkota[kabkota["kode_kabkota"].isin(codes)].reset_index(drop=True)
    return out


def halaman_korwil(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/korwil, marts/kecamatan, marts/versi_data; in a province (or the nation)
    marts/kabkota_daftar and marts/kabkota_nilai rated per kab/kota (readiness.model.kabkota).

    `korwil`: the assigned korwil only, with their open problems summed; `per_korwil`: each one's
    koordinator, kecamatan and the ones to follow up (not green, or green with open problems),
    worst first, and in a province its kab/kota (`kabkota`); `pilihan_korwil`: each korwil as the
    choice list names it; `tanpa_korwil`: the places in no korwil as one more row of marts/korwil
    named `Tanpa korwil` (None when every place is in one, or none is) and in `per_korwil` under
    that name, not offered in the choice list."""
    base = base or dasar(con, election)
    cur, out = _start(con, election, base)
    kec = out["kecamatan"]
    semua = _dengan_rincian(korwil(cur, election))
    masalah = kec.assign(korwil=kec["korwil"].fillna(teks.TANPA_KORWIL))
    masalah = masalah.groupby("korwil")[["masalah_terbuka", "masalah_terbuka_tinggi"]].sum()
    semua = semua.assign(korwil=semua["korwil"].fillna(teks.TANPA_KORWIL)).join(masalah, on="korwil")
    ada = out["belum_korwil"] is None
    tanpa = semua[(semua["korwil"] == teks.TANPA_KORWIL) & ada].reset_index(drop=True)
    assigned = semua[semua["korwil"] != teks.TANPA_KORWIL].reset_index(drop=True)
    kabkota = None if base.kabkota is None else _kabkota_kelompok(cur, base.kabkota)
    per_korwil, pilihan = {}, {}
    for name, koordinator in zip(semua["korwil"], semua["koordinator"]):
        koordinator = koordinator if _present(koordinator) and koordinator else None
        own = kec[kec["korwil"].isna()] if name == teks.TANPA_KORWIL else kec[kec["korwil"] == name]
        per_korwil[name] = _kelompok(own, koordinator, kabkota)
        if name != teks.TANPA_KORWIL:
            pilihan[name] = f"{name} — {koordinator}" if koordinator else name
    return {
        **out,
        "korwil": assigned,
        "tanpa_korwil": None if tanpa.empty else tanpa,
        "per_korwil": per_korwil,
        "pilihan_korwil": pilihan,
        "kosong": _tanpa_data(kec),
    }


def halaman_kecamatan(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/desa_kesiapan, marts/tps, marts/kelengkapan, marts/versi_data.

    With a kecamatan: `baris` (its row of marts/kecamatan), its indicators, desa, TPS (with
    `keterangan` for those over capacity) and `sumber` (which upload each kind of data comes from);
    `total_kabkota` (readiness.model.kartu.TotalKabkota) when the kecamatan has no data of its own
    and its kab/kota of a province is known by its total alone, else None."""
    base = base or dasar(con, election)
    cur, out = _start(con, election, base)
    if kecamatan_kode:
        row = out["kecamatan"].set_index("kode_kecamatan").loc[kecamatan_kode]
        tps_df = urut_tps(tps(cur, election, kecamatan_kode))
        tps_df["keterangan"] = [
            f"■ Melebihi kapasitas (lebih {fmt.angka(k)})" if m else ""
            for m, k in zip(tps_df["melebihi_kapasitas"], tps_df["kelebihan"])
        ]
        desa_df = desa_kesiapan(cur, election, kecamatan_kode)
        lengkap = out["kelengkapan"].set_index("kode_kecamatan").loc[kecamatan_kode]
        kosong = bool(row["jumlah_jenis_data"] == 0)
        out.update(
            baris=row,
            kosong=kosong,
            kartu=[] if kosong else kartu.kecamatan(row, out["label_sebelumnya"]),
            total_kabkota=(
                kartu.total_kabkota(base.kabkota, kecamatan_kode, row["kecamatan"], out["kata"].desa)
                if kosong
                else None
            ),
            alasan=row["alasan"] or "Semua indikator hijau",
            indikator=indikator(row, out["label_sebelumnya"]),
            desa=desa_df,
            desa_ada_dpt=bool(desa_df["dpt"].notna().any()),
            tps=tps_df,
            sumber=[
                f"{teks.JENIS[kind]}: "
                + (
                    "belum diunggah"
                    if pd.isna(lengkap[f"unggahan_{kind}"])
                    else f"unggahan #{lengkap[f'unggahan_{kind}']}"
                )
                for kind in ("pemilih", "tps", "ktpel", "target", "daftar")
            ],
        )
    return out


def halaman_pemilih(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/pemilih_kecamatan, marts/pemilih_desa (the chosen kecamatan's
    desa only), marts/versi_data.

    `pemilih_kecamatan`: marts/kecamatan with the voter groups of the per-voter list beside it;
    `kelompok`: the pemula and disabilitas totals for the charts (None without any per-voter list),
    `cakupan_daftar` the kecamatan they count (`dari daftar pemilih 1 kecamatan: Lumbang`)."""
    cur, out = _start(con, election, base)
    segmen = pemilih_kecamatan(cur, election)
    kec = out["kecamatan"].merge(segmen.drop(columns=["kecamatan"]), on="kode_kecamatan", how="left")
    with_list = kec[kec["daftar_dpt"].notna()]
    kelompok = (
        None
        if with_list.empty
        else {
            "pemula": (
                ["Semua pemula", "Laki-laki", "Perempuan"],
                [with_list["pemula"].sum(), with_list["pemula_l"].sum(), with_list["pemula_p"].sum()],
            ),
            "disabilitas": (list(DISABILITAS.values()), [with_list[c].sum() for c in DISABILITAS]),
        }
    )
    out.update(
        segmen_kecamatan=segmen,
        pemilih_kecamatan=kec,
        kelompok=kelompok,
        cakupan_daftar=kartu.cakupan_daftar(kec),
        kosong=bool(out["kecamatan"]["dpt"].isna().all()),
    )
    out["kartu"] = [] if out["kosong"] else kartu.pemilih(kec)
    if kecamatan_kode:
        rows = pemilih_desa(cur, election, kecamatan_kode)
        out.update(
            desa_kecamatan=rows,
            desa_tanpa_daftar=bool(pd.isna(rows["daftar_dpt"]).all()),
            nama_kecamatan=out["kecamatan"].set_index("kode_kecamatan").loc[kecamatan_kode, "kecamatan"],
        )
    return out


def halaman_tps(
    con,
    election: str,
    kecamatan_kode: str | None,
    base: Dasar | None = None,
    desa_kode: str | None = None,
    kabkota: str | None = None,
) -> dict:
    """Queries: marts/kecamatan, marts/tps, marts/tps_sebaran, marts/desa_kesiapan, marts/versi_data;
    for a province or the nation as a whole marts/tps_jumlah instead of marts/tps.

    The TPS of the region, of one kab/kota of a province (`kabkota`, `74.06`), of one kecamatan or
    of one of its desa (`desa_kode`), in reading order (readiness.model.jenjang.urut_tps);
    `tps_lebih`: those over the election's capacity (`kapasitas`); `logistik`: per filled column
    (status_logistik, kategori_rawan) the number of TPS per value, most first; `desa_baris`: the
    chosen desa's readiness row (None without a desa). A province or the nation without a kab/kota
    lists no TPS (hundreds of thousands no desk reads): `tps_wilayah` holds its totals
    (marts/tps_jumlah) and `tps` is None."""
    cur, out = _start(con, election, base)
    if out["kata"].jenis in WILAYAH_ATAS and not kecamatan_kode:
        if not kabkota:
            return _tps_wilayah(cur, election, out)
        kecamatan_kode = kabkota
        out["kecamatan"] = out["kecamatan"][out["kecamatan"]["kode_kecamatan"].str.startswith(kabkota + ".")]
    tps_df = urut_tps(tps(cur, election, kecamatan_kode))
    desa_baris = None
    if kecamatan_kode and desa_kode:
        tps_df = tps_df[tps_df["kode_desa"] == desa_kode].reset_index(drop=True)
        rows = desa_kesiapan(cur, election, kecamatan_kode)
        rows = rows[rows["kode_desa"] == desa_kode]
        desa_baris = None if rows.empty else rows.iloc[0]
    else:
        desa_kode = None
    kapasitas = None if tps_df.empty else int(tps_df["kapasitas_tps"].iloc[0])
    over = tps_df[tps_df["melebihi_kapasitas"].fillna(False).astype(bool)]
    located = tps_df.dropna(subset=["lat", "lon"])
    tps_df["keterangan"] = ["■ Melebihi kapasitas" if m else "" for m in tps_df["melebihi_kapasitas"]]
    sebaran = db.run(cur, "marts/tps_sebaran", election=election, kecamatan=kecamatan_kode, desa=desa_kode)
    return {
        **out,
        "tps": tps_df,
        "tps_lebih": over,
        "kapasitas": kapasitas,
        "berkoordinat": len(located),
        "sebaran": sebaran,
        "logistik": {field: tps_df[field].dropna().value_counts() for field in ("status_logistik", "kategori_rawan")},
        "kartu": kartu.tps(
            tps_df,
            over,
            kapasitas,
            out["kata"],
            None if kecamatan_kode and kecamatan_kode != kabkota else out["kecamatan"]["kecamatan"],
        ),
        "kosong": tps_df.empty,
        "desa_baris": desa_baris,
    }


def _tps_wilayah(cur, election: str, out: dict) -> dict:
    """The TPS page of a province or the nation as a whole: its totals and the spread of voters per
    TPS, without the list."""
    jumlah = db.run(cur, "marts/tps_jumlah", election=election).iloc[0]
    ada = int(jumlah["tps"]) > 0
    return {
        **out,
        "tps": None,
        "tps_lebih": None,
        "tps_wilayah": jumlah,
        "kapasitas": int(jumlah["kapasitas_tps"]) if ada else None,
        "sebaran": db.run(cur, "marts/tps_sebaran", election=election, kecamatan=None, desa=None),
        "kartu": kartu.tps_wilayah(jumlah, out["kata"]) if ada else [],
        "kosong": not ada,
        "desa_baris": None,
    }


def halaman_ktpel(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/kabupaten, marts/ktpel_tren, marts/versi_data.

    `ktpel_kecamatan`: marts/kecamatan with `ktpel_belum`; `peringkat`: the kecamatan with KTP-el
    figures, most not yet recorded first; `tren_lebar`: coverage per kecamatan, one column per data
    date (`tren_kolom` names them), when there are two dates or more."""
    cur, out = _start(con, election, base)
    kecamatan_df = out["kecamatan"]
    tren = whole(db.run(cur, "marts/ktpel_tren", election=election))
    tren_kab = ktpel_tren_kabupaten(tren)
    ambang = (float(kecamatan_df["t_ktpel_hijau"].iloc[0]), float(kecamatan_df["t_ktpel_kuning"].iloc[0]))
    kec = kecamatan_df.assign(ktpel_belum=kecamatan_df["ktpel_wajib"] - kecamatan_df["ktpel_rekam"])
    ranked = kec.dropna(subset=["ktpel_wajib"]).sort_values("ktpel_belum", ascending=False).reset_index(drop=True)
    ranked["peringkat"] = range(1, len(ranked) + 1)
    out.update(
        tren=tren,
        tren_kabupaten=tren_kab,
        ambang=ambang,
        ktpel_kecamatan=kec,
        peringkat=ranked,
        kosong=bool(kecamatan_df["ktpel_wajib"].isna().all()),
        tren_tanggal=", ".join(fmt.tanggal(t) for t in tren_kab["tanggal"]) or "belum ada",
        tren_sebagian=None,
        tren_lebar=None,
        tren_kolom=[],
    )
    out["kartu"] = [] if out["kosong"] else kartu.ktpel(out["kabupaten"].iloc[0], kec, *ambang, out["kata"])
    if len(tren_kab) >= 2:
        partial = tren_kab[tren_kab["jumlah_kecamatan"] < len(kecamatan_df)]
        if not partial.empty:
            out["tren_sebagian"] = (
                "Pada tanggal "
                + ", ".join(fmt.tanggal(t) for t in partial["tanggal"])
                + f" belum semua kecamatan punya data; angka {out['kata'].wilayah_kecil} hanya dari kecamatan yang ada."
            )
        wide = tren.pivot(index=["kode_kecamatan", "kecamatan"], columns="tanggal", values="ktpel_persen").reset_index()
        dates = [c for c in wide.columns if c not in ("kode_kecamatan", "kecamatan")]
        wide.columns = ["kode_kecamatan", "kecamatan"] + [f"t{i}" for i in range(len(dates))]
        out.update(tren_lebar=wide, tren_kolom=[(f"t{i}", f"Cakupan {fmt.tanggal(t)}") for i, t in enumerate(dates)])
    return out


# Where a kecamatan's target comes from (marts/partisipasi `target_sumber`); {wilayah} is the
# kind of region ('kabupaten', 'kota'): the whole-region row is named `kabupaten` in the data.
SUMBER_TARGET = {
    "pengaturan kecamatan": "Pengaturan (khusus kecamatan)",
    "kecamatan": "Berkas target (kecamatan)",
    "kabupaten": "Berkas target ({wilayah})",
    "pengaturan": "Pengaturan (bawaan {wilayah})",
}


def halaman_partisipasi(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/partisipasi, marts/kabupaten, marts/versi_data.

    `peringkat`: the kecamatan, largest gap to the target first, with where the target comes
    from (`sumber`); `realisasi`: after an upload of realised turnout, the kecamatan that have it
    (`realisasi_urut`: furthest below the target first); `target_bawaan`: the first kecamatan's
    target, the kabupaten's default while nothing is uploaded (the empty state names it)."""
    cur, out = _start(con, election, base)
    part = whole(partisipasi(cur, election))
    part["pengguna_hak_pilih"] = part["pengguna_hak_pilih"].astype("Int64")
    kab = out["kabupaten"].iloc[0]
    ambang = (float(part["t_partisipasi_hijau"].iloc[0]), float(part["t_partisipasi_kuning"].iloc[0]))
    ranked = part.sort_values("selisih_partisipasi", ascending=False, na_position="last").reset_index(drop=True)
    sumber = {k: v.format(wilayah=out["kata"].wilayah_kecil) for k, v in SUMBER_TARGET.items()}
    ranked["sumber"] = ranked["target_sumber"].map(sumber)
    ada_realisasi = not part["pengguna_hak_pilih"].isna().all()
    done = part.dropna(subset=["partisipasi_realisasi"])
    kosong = bool(part["partisipasi_sebelumnya"].isna().all() and not ada_realisasi)
    out.update(
        partisipasi=part,
        ambang=ambang,
        peringkat=ranked,
        kosong=kosong,
        target_bawaan=part["target_partisipasi"].iloc[0],
        kartu=[] if kosong else kartu.partisipasi(kab, part, out["label_sebelumnya"], *ambang, out["kata"]),
        tanggal_pemilihan=kab["tanggal_pemilihan"].date(),
        ada_realisasi=ada_realisasi,
        realisasi=done,
        realisasi_urut=done.sort_values("selisih_realisasi"),
        kartu_realisasi=kartu.realisasi(done, part["kecamatan"]) if ada_realisasi else [],
    )
    return out


def halaman_pengaturan(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/pengaturan, marts/korwil_penugasan, marts/elections, marts/partisipasi; in a
    province (or the nation) marts/korwil_penugasan_kabkota as `korwil_kabkota` (korwil group
    kab/kota there; None in a kab/kota installation)."""
    cur, out = _start(con, election, base)
    atas = out["kata"].jenis in WILAYAH_ATAS
    return {
        **out,
        "pengaturan": db.run(cur, "marts/pengaturan", election=election),
        "korwil": db.run(cur, "marts/korwil_penugasan", election=election),
        "korwil_kabkota": db.run(cur, "marts/korwil_penugasan_kabkota", election=election) if atas else None,
        "elections": db.run(cur, "marts/elections"),
        "partisipasi": partisipasi(cur, election),
    }


PAGES = {
    "ringkasan": halaman_ringkasan,
    "korwil": halaman_korwil,
    "kecamatan": halaman_kecamatan,
    "pemilih": halaman_pemilih,
    "tps": halaman_tps,
    "ktpel": halaman_ktpel,
    "partisipasi": halaman_partisipasi,
    "pengaturan": halaman_pengaturan,
}
