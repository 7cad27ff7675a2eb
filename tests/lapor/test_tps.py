"""readiness.lapor.tps: the active TPS list, the area a user reports for, and the server's check of a
report's numbers."""

from __future__ import annotations

import pytest

from readiness import akses, lapor
from tests.lapor import NGADISARI, PIMPINAN, SUKAPURA, WONOTORO, kirim


def test_tps_list_is_the_active_list(ctx):
    assert len(ctx["daftar"]) == 1739
    assert ctx["daftar"].get(NGADISARI, "1").dpt == 470
    assert ctx["daftar"].get(WONOTORO, "1").dpt == 479


def test_a_reporter_reports_only_in_their_area(ctx):
    pelapor = akses.Pengguna("pelapor-sukapura", "pelapor", wilayah=SUKAPURA)
    sumber = ctx["daftar"].frame[ctx["daftar"].frame["kode_kecamatan"] == "35.13.02"].iloc[0]
    mine = ctx["daftar"].wilayah(pelapor)
    assert set(mine["kode_kecamatan"]) == {SUKAPURA}
    assert kirim(ctx, NGADISARI, 1, "logistik_tiba", pengguna=pelapor).status == "baru"
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda; laporan ditolak"):
        kirim(ctx, sumber["kode_desa"], sumber["no_tps"], "logistik_tiba", pengguna=pelapor)
    desa_only = akses.Pengguna("pelapor-wonotoro", "pelapor", wilayah=WONOTORO)
    assert set(ctx["daftar"].wilayah(desa_only)["kode_desa"]) == {WONOTORO}
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda"):
        kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=desa_only)
    with pytest.raises(lapor.LaporanDitolak, match="tidak memiliki akses"):
        kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=PIMPINAN)
    with pytest.raises(lapor.LaporanDitolak, match="bukan wilayah tugas Anda"):  # a pelapor without an area
        kirim(ctx, NGADISARI, 2, "logistik_tiba", pengguna=akses.Pengguna("baru", "pelapor"))
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 1
    trail = lapor.jejak(cur)
    assert (trail["aksi"] == "ditolak").sum() == 4
    assert cur.execute("select pelapor from laporan").fetchone()[0] == "pelapor-sukapura"


def test_numbers_are_checked_on_the_server(ctx):
    with pytest.raises(lapor.LaporanDitolak, match=r"Isi jumlah pengguna hak pilih laki-laki \(L\) dan perempuan"):
        kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=10)
    with pytest.raises(lapor.LaporanDitolak, match="hanya diisi pada tahap pemungutan atau penghitungan"):
        kirim(ctx, NGADISARI, 1, "tps_dibuka", hadir_l=10, hadir_p=10)
    with pytest.raises(lapor.LaporanDitolak, match="TPS 99 tidak ada di daftar TPS aktif"):
        kirim(ctx, NGADISARI, 99, "tps_dibuka")
    over = kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=300, hadir_p=200)
    assert over.status == "baru"
    assert over.peringatan == (
        "L + P = 500 melebihi DPT TPS 1 Desa Ngadisari (Kecamatan Sukapura) (470); "
        "pastikan angkanya (pemilih DPTb/DPK ikut dihitung?).",
    )
