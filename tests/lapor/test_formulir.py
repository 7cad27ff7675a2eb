"""readiness.lapor.formulir: what the Lapor form decides (submission ids, links, the area, the texts shown)."""

from __future__ import annotations

import datetime as dt

from readiness import akses, lapor
from tests.lapor import NGADISARI, PAGI, SUKAPURA, WONOTORO, E, kirim


def test_the_same_form_sent_again_keeps_its_submission_id_and_any_change_gets_a_new_one():
    isi = ("pelapor1", "pilkada-2024", NGADISARI, "3", "pemungutan_selesai", None, 120, 131, None, None)
    pertama = lapor.kirim_id(*isi)
    assert pertama.startswith("f-")
    assert lapor.kirim_id(*isi, terakhir=pertama) == pertama  # a double tap, a retry, a reconnect
    ubah = lapor.kirim_id(*isi[:6], 121, *isi[7:], terakhir=pertama)
    assert ubah != pertama and ubah.rsplit("-", 1)[1] != pertama.rsplit("-", 1)[1]
    assert lapor.kirim_id(*isi) != pertama  # a new form without the last id is a new report


def test_a_tps_link_opens_only_a_tps_of_the_users_area():
    import pandas as pd

    mine = pd.DataFrame(
        {
            "kode_kecamatan": ["35.13.01"] * 2,
            "kecamatan": ["Sukapura"] * 2,
            "kode_desa": [NGADISARI, NGADISARI],
            "desa": ["Ngadisari"] * 2,
            "no_tps": ["1", "3"],
            "jenis_desa": ["desa"] * 2,
        }
    )
    assert lapor.tps_dari_tautan(mine, f"{NGADISARI}-3") == ("35.13.01", NGADISARI, "3")
    assert lapor.tps_dari_tautan(mine, f"{WONOTORO}-1") is None
    assert lapor.tps_dari_tautan(mine, "") is None
    assert (
        lapor.wilayah_teks(akses.Pengguna("p", "pelapor", wilayah=NGADISARI), mine)
        == "Desa Ngadisari (Kecamatan Sukapura)"
    )
    assert lapor.wilayah_teks(akses.Pengguna("p", "pelapor", wilayah="35.13.01"), mine) == "Kecamatan Sukapura"


def test_the_form_offers_only_the_tps_of_the_area_with_their_dpt(ctx):
    mine = ctx["daftar"].wilayah(akses.Pengguna("p", "pelapor", wilayah=SUKAPURA))
    assert lapor.pilihan_kecamatan(mine) == {SUKAPURA: "Sukapura"}
    desa = lapor.pilihan_desa(mine, SUKAPURA)
    assert desa[NGADISARI] == "Ngadisari" and desa[WONOTORO] == "Wonotoro"
    assert lapor.pilihan_tps(mine, NGADISARI)["1"] == "TPS 1 · DPT 470"
    assert lapor.pilihan_tps(mine, WONOTORO)["1"] == "TPS 1 · DPT 479"
    assert lapor.pilihan_desa(mine, "35.13.02") == {}


def test_voters_above_the_dpt_ask_for_a_confirmation(ctx):
    tps = ctx["daftar"].get(NGADISARI, "1")
    assert lapor.hadir_teks(tps, 200, None) == (None, None)
    assert lapor.hadir_teks(tps, 200, 150) == ("L + P = 350 (74,5% dari DPT 470)", None)
    total, lebih = lapor.hadir_teks(tps, 300, 200)
    assert total == "L + P = 500 (106,4% dari DPT 470)"
    assert lebih == (
        "L + P = 500 melebihi DPT TPS ini (470). Periksa lagi; bila memang benar (pemilih DPTb/DPK "
        "ikut dihitung), centang di bawah."
    )


def test_a_time_typed_in_is_part_of_the_form_and_now_is_not():
    kini = dt.datetime(2024, 11, 27, 13, 5)
    assert lapor.waktu_laporan(kini, None) == (kini, None)
    assert lapor.waktu_laporan(kini, dt.time(7, 30)) == (dt.datetime(2024, 11, 27, 7, 30),) * 2


def test_the_answer_says_stored_recognised_refused_or_not_confirmed(ctx):
    tps = ctx["daftar"].get(NGADISARI, "1")
    diterima = dt.datetime(2024, 11, 27, 13, 5, 9)
    baru = lapor.HasilKirim("baru", 1234, diterima, 12, ("L + P melebihi DPT",))
    assert lapor.jawaban(tps, "pemungutan_selesai", baru) == (
        "success",
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): Pemungutan selesai. Terkirim #1.234 pukul 13.05.09, "
        "menggantikan laporan #12.",
        ("L + P melebihi DPT",),
    )
    # The same form again (a double tap): green, the same number, counted once.
    assert lapor.jawaban(tps, "tps_dibuka", lapor.HasilKirim("ganda", 7, diterima)) == (
        "success",
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): TPS dibuka. Terkirim #7 pukul 13.05.09; dikirim lagi, "
        "tidak dicatat dua kali.",
        (),
    )
    assert lapor.jawaban(tps, "tps_dibuka", lapor.LaporanDitolak("Pilih kategori kejadian.")) == (
        "error",
        "Pilih kategori kejadian.",
        (),
    )
    assert lapor.jawaban(tps, "tps_dibuka", lapor.BelumTersimpan("Server sedang sibuk"))[0] == "warning"


def test_the_history_says_which_report_a_correction_replaced(ctx):
    first = kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=100, hadir_p=120)
    kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=110, hadir_p=120, waktu=PAGI + dt.timedelta(hours=6))
    kirim(ctx, NGADISARI, 2, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang")
    rows = lapor.riwayat_baris(lapor.riwayat(ctx["layanan"].cursor(), E, NGADISARI, "2"))
    assert [r["jenis"] for r in rows] == ["Kejadian saja", "Pemungutan selesai", "Pemungutan selesai"]
    assert rows[0]["kejadian"] == "Kejadian — Logistik: Tinta kurang" and rows[1]["kejadian"] is None
    assert rows[1]["rincian"] == " · pukul 13.00 · L 110 / P 120 = 230"
    assert rows[1]["keterangan"].endswith(f"· admin1 · koreksi atas nomor {first.seq}")
    assert rows[2]["keterangan"].endswith("· admin1 · diganti oleh koreksi")


def test_the_history_line_says_when_in_words_and_who_as_a_person_reads_it(ctx):
    hasil = kirim(ctx, WONOTORO, 1, "tps_dibuka", pengguna=akses.LOKAL)
    (row,) = lapor.riwayat_baris(lapor.riwayat(ctx["layanan"].cursor(), E, WONOTORO, "1"))
    d = hasil.diterima
    bulan = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()
    assert row["keterangan"] == (
        f"Nomor {hasil.seq} · diterima {d.day} {bulan[d.month - 1]} {d.year} {d:%H.%M} · mode lokal (tanpa akun)"
    )


def test_an_upload_says_how_many_reports_and_corrections_were_stored():
    diterima = dt.datetime(2024, 11, 27, 13, 5)
    berkas = lapor.BerkasLapor("laporan_sukapura.xlsx", "0" * 64)
    berkas.laporan = [("sheet 'LAPORAN', baris 6", None)] * 3
    assert lapor.siap_unggah(berkas) == "3 laporan siap disimpan dari laporan_sukapura.xlsx."
    berkas.hasil = [
        lapor.HasilKirim("baru", 1, diterima),
        lapor.HasilKirim("baru", 2, diterima, 1),
        lapor.HasilKirim("ganda", 3, diterima),
    ]
    assert lapor.hasil_unggah(berkas) == (
        "success",
        "3 laporan tersimpan dari laporan_sukapura.xlsx (1 di antaranya koreksi).",
    )
    berkas.sama_dengan = (diterima, "analis1")
    assert lapor.hasil_unggah(berkas) == (
        "info",
        "Berkas ini sudah diunggah pada 27 November 2024 13.05 WIB oleh analis1; tidak ada yang berubah.",
    )
    berkas.tambah("sheet 'LAPORAN', baris 7", "TPS 1 Desa Sumber (Kecamatan Sumber) bukan wilayah tugas Anda")
    assert lapor.hasil_unggah(berkas) == ("error", "laporan_sukapura.xlsx tidak disimpan:")
