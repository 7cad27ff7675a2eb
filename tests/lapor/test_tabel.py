"""readiness.lapor.tabel: the Hari Pemungutan tables — TPS reported as x of N, the follow-up list of
one kecamatan, incidents with their status and the ones an analyst may still close."""

from __future__ import annotations

from readiness import lapor
from tests.lapor import ANALIS, NGADISARI, PAGI, WONOTORO, baris, kirim


def test_stages_as_x_of_n_and_the_follow_up_list_of_one_kecamatan(ctx):
    kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=200, hadir_p=150)
    kirim(ctx, WONOTORO, 1, "pemungutan_selesai", hadir_l=100, hadir_p=100)
    cur = ctx["layanan"].cursor()
    r = lapor.ringkasan(cur, ctx["daftar"], ctx["kec"], None, kabupaten=ctx["kab"])
    assert r["tahap"] == "pemungutan_selesai"  # None: the furthest stage any TPS reported
    kab = r["kabupaten"]
    assert lapor.tabel.xn(kab, "pemungutan_selesai") == "2/1.739"
    assert lapor.tabel.xn(kab, "logistik_tiba") == "0/1.739"
    assert lapor.tabel.persen_lapor(kab, "pemungutan_selesai") == "TPS sudah lapor · 0,1%"
    suk = baris(lapor.tabel.dengan_xn(r["kecamatan"]), "kecamatan", "Sukapura")
    assert suk["xn_pemungutan_selesai"] == "2/58" and suk["xn_tps_dibuka"] == "0/58"
    pilihan = lapor.tabel.kecamatan_belum(r["belum"])
    assert pilihan[0] == "Semua kecamatan" and "Sukapura" in pilihan and len(pilihan) == 1 + 24
    assert len(lapor.tabel.belum_di(r["belum"], "Semua kecamatan")) == 1739 - 2
    assert len(lapor.tabel.belum_di(r["belum"], "Sukapura")) == 58 - 2
    headers = [k.judul for k in lapor.tabel.kolom_kecamatan("Partisipasi Pilkada 2020")]
    assert headers[3:7] == list(lapor.TAHAP.values())
    assert "Selisih partisipasi pilkada 2020 (poin)" in headers


def test_incidents_show_their_status_and_only_open_ones_can_be_closed(ctx):
    ditangani = kirim(
        ctx,
        NGADISARI,
        1,
        lapor.KEJADIAN,
        kategori="logistik",
        uraian="Tinta kurang",
        waktu=PAGI.replace(hour=9, minute=15),
    )
    terbuka = kirim(ctx, WONOTORO, 1, lapor.KEJADIAN, kategori="logistik", uraian="Bilik rusak")
    ctx["layanan"].selesaikan(ANALIS, ditangani.seq)
    r = lapor.ringkasan(ctx["layanan"].cursor(), ctx["daftar"], ctx["kec"], kabupaten=ctx["kab"])
    kej = lapor.tabel.kejadian_tabel(r["kejadian"]).set_index("uraian")
    assert kej.loc["Tinta kurang", "status"] == "Selesai" and kej.loc["Bilik rusak", "status"] == "Terbuka"
    assert kej.loc["Tinta kurang", "jam"] == "09.15"
    assert lapor.tabel.pilihan_selesai(kej.reset_index()) == {
        terbuka.seq: f"Nomor {terbuka.seq} · TPS 1 Wonotoro · Logistik"
    }
