"""What the Lapor page's form decides, without Streamlit: the area a reporter reports for and the
TPS it offers (kecamatan, desa, TPS with its DPT), the TPS a link names (`?tps=…`), the time of a
report, the form's submission id (`kirim_id`), the running total of voters typed in, and the texts
shown after a report or a paper-report file was sent and under a TPS's history. Texts are plain
(the page escapes them for markdown); numbers and times go through readiness.fmt."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import pandas as pd

from .. import akses, fmt, teks
from .excel import BerkasLapor
from .laporan import JENIS, BelumTersimpan, HasilKirim, LaporanDitolak, kategori
from .tps import Tps, tempat


def wilayah_teks(pengguna: akses.Pengguna, tps: pd.DataFrame) -> str:
    """The area a reporter reports for, in words: `Desa Ngadisari (Kecamatan Sukapura)`, `Kelurahan
    Jati (Kecamatan Mayangan)`, `Kecamatan Sukapura`, `semua wilayah`; `tps` is
    DaftarTps.wilayah(pengguna)."""
    if not pengguna.wilayah:
        return "semua wilayah"
    if (tps["kode_desa"] == pengguna.wilayah).any():
        first = tps.iloc[0]
        return f"{tempat(first.get('jenis_desa'), first['desa'])} (Kecamatan {first['kecamatan']})"
    if len(tps):
        return f"Kecamatan {tps['kecamatan'].iloc[0]}"
    return f"wilayah {pengguna.wilayah}"


def tautan_tps(kode_desa: str, no_tps: str) -> str:
    """A TPS as the Lapor page's URL names it (`?tps=35.13.01.2001-3`)."""
    return f"{kode_desa}-{no_tps}"


def tps_dari_tautan(tps: pd.DataFrame, tautan: str) -> tuple[str, str, str] | None:
    """(kode_kecamatan, kode_desa, no_tps) of the TPS a link names (`35.13.01.2001-3`), only when it
    is among `tps` (the user's area); None otherwise."""
    kode_desa, _, no_tps = (tautan or "").rpartition("-")
    cocok = tps[(tps["kode_desa"] == kode_desa) & (tps["no_tps"] == no_tps)] if tautan else tps.iloc[:0]
    if not len(cocok):
        return None
    return cocok["kode_kecamatan"].iloc[0], kode_desa, no_tps


def kirim_id(
    nama: str,
    election: str,
    kode_desa: str,
    no_tps: str,
    tahap: str,
    waktu_isi: dt.datetime | None,
    hadir_l,
    hadir_p,
    kategori: str | None,
    uraian: str | None,
    terakhir: str = "",
) -> str:
    """The submission id of a report form. The same form content sent again — a double tap, a retry
    after the answer was lost, the page reconnected after a network hiccup (a new server session) —
    gets the same id, so the server recognises it and stores it once; anything else gets a new id.
    `terakhir` is the id of the last form sent (the page keeps it in the session and in the URL,
    which survives a reconnect and a reload): it is reused while the content is the same, since an
    id ends with a hash of the content. `waktu_isi` is the time typed in the form (None: "now",
    which is not part of the form's identity)."""
    isi = repr(
        (
            nama,
            election,
            kode_desa,
            no_tps,
            tahap,
            waktu_isi and waktu_isi.isoformat(),
            hadir_l,
            hadir_p,
            kategori,
            uraian,
        )
    )
    sidik = hashlib.sha256(isi.encode()).hexdigest()[:24]
    return terakhir if terakhir.endswith(f"-{sidik}") else f"f-{uuid.uuid4().hex[:16]}-{sidik}"


# --------------------------------------------------------------------------- which TPS
def pilihan_kecamatan(tps: pd.DataFrame) -> dict[str, str]:
    """kode -> name of the kecamatan among `tps` (the user's area), in list order."""
    return dict(zip(tps["kode_kecamatan"], tps["kecamatan"]))


def pilihan_desa(tps: pd.DataFrame, kode_kecamatan: str) -> dict[str, str]:
    """kode -> name of the desa of one kecamatan among `tps`."""
    rows = tps[tps["kode_kecamatan"] == kode_kecamatan]
    return dict(zip(rows["kode_desa"], rows["desa"]))


def pilihan_tps(tps: pd.DataFrame, kode_desa: str) -> dict[str, str]:
    """TPS number -> `TPS 3 · DPT 470` of one desa among `tps`."""
    rows = tps[tps["kode_desa"] == kode_desa]
    return {no: f"TPS {no} · DPT {fmt.angka(dpt)}" for no, dpt in zip(rows["no_tps"], rows["dpt"])}


# --------------------------------------------------------------------------- what is sent
def menit_ini() -> dt.datetime:
    """Now, to the minute: the time a report "happening now" carries."""
    return dt.datetime.now().replace(second=0, microsecond=0)


def waktu_laporan(kini: dt.datetime, jam: dt.time | None) -> tuple[dt.datetime, dt.datetime | None]:
    """(when it happened, the time typed in the form): `jam` None means now (`kini`), which is not
    part of the form's identity (kirim_id), so the same form sent a minute later is the same form."""
    if jam is None:
        return kini, None
    waktu = dt.datetime.combine(kini.date(), jam)
    return waktu, waktu


def hadir_teks(tps: Tps, hadir_l: int | None, hadir_p: int | None) -> tuple[str | None, str | None]:
    """(the running total under the L and P fields, a warning when it is above the TPS's DPT); the
    total only once both are filled in. A total above the DPT can be right (DPTb/DPK voters):
    the reporter confirms it."""
    if hadir_l is None or hadir_p is None:
        return None, None
    jumlah = hadir_l + hadir_p
    persen = f" ({fmt.persen(100 * jumlah / tps.dpt, 1)} dari DPT {fmt.angka(tps.dpt)})" if tps.dpt else ""
    total = f"L + P = {fmt.angka(jumlah)}{persen}"
    if tps.dpt is not None and jumlah > tps.dpt:
        return total, (
            f"L + P = {fmt.angka(jumlah)} melebihi DPT TPS ini ({fmt.angka(tps.dpt)}). Periksa lagi; "
            "bila memang benar (pemilih DPTb/DPK ikut dihitung), centang di bawah."
        )
    return total, None


# --------------------------------------------------------------------------- what the page says back
def jawaban(
    tps: Tps, tahap: str, hasil: HasilKirim | LaporanDitolak | BelumTersimpan
) -> tuple[str, str, tuple[str, ...]]:
    """(kind, text, the server's warnings) after a report was sent: `success` for a report stored,
    now or already (a double tap: the reporter sees the same green `Terkirim #7`), `error` for a
    refusal, `warning` when the writer did not confirm in time (the same form may be sent again)."""
    if isinstance(hasil, LaporanDitolak):
        return "error", str(hasil), ()
    if isinstance(hasil, BelumTersimpan):
        return "warning", str(hasil), ()
    return "success", f"{tps.label}: {JENIS[tahap]}. {hasil.pesan}", hasil.peringatan


def riwayat_baris(hist: pd.DataFrame) -> list[dict]:
    """The reports of one TPS (ringkasan.riwayat) as the page lists them: per report its kind
    (`jenis`), the time and voters (`rincian`), number, arrival, reporter and correction
    (`keterangan`), and the incident, if any (`kejadian`)."""
    out = []
    for row in hist.to_dict("records"):
        rincian = f" · pukul {fmt.jam(row['waktu'])}"
        if pd.notna(row["hadir"]):
            rincian += f" · L {fmt.angka(row['hadir_l'])} / P {fmt.angka(row['hadir_p'])} = {fmt.angka(row['hadir'])}"
        status = "" if row["berlaku"] else " · diganti oleh koreksi"
        koreksi = f" · koreksi atas nomor {fmt.angka(row['menggantikan'])}" if pd.notna(row["menggantikan"]) else ""
        kejadian = None
        if isinstance(row["kategori"], str):
            label = kategori().get(row["kategori"], row["kategori"])
            selesai = " (sudah ditangani)" if pd.notna(row["selesai_waktu"]) else ""
            kejadian = f"Kejadian — {label}{selesai}: {row['uraian'] or ''}"
        out.append(
            {
                "jenis": JENIS.get(row["tahap"], row["tahap"]),
                "rincian": rincian,
                "keterangan": (
                    f"Nomor {fmt.angka(row['seq'])} · diterima {fmt.waktu(row['diterima'])} · "
                    f"{teks.nama_pelaku(row['pelapor'])}{koreksi}{status}"
                ),
                "kejadian": kejadian,
            }
        )
    return out


def siap_unggah(berkas: BerkasLapor) -> str:
    """What a clean paper-report file holds, before it is stored."""
    return f"{fmt.angka(len(berkas.laporan))} laporan siap disimpan dari {berkas.file_name}."


def hasil_unggah(berkas: BerkasLapor) -> tuple[str, str]:
    """(kind, text) after writer.Layanan.unggah: refused (the rows' messages are `berkas.galat`),
    the same file as before (nothing changed), or stored."""
    if berkas.galat:
        return "error", f"{berkas.file_name} tidak disimpan:"
    if berkas.sama_dengan:
        waktu, oleh = berkas.sama_dengan
        return "info", (f"Berkas ini sudah diunggah pada {fmt.tanggal_jam(waktu)} oleh {oleh}; tidak ada yang berubah.")
    koreksi = sum(h.menggantikan is not None for h in berkas.hasil)
    return "success", (
        f"{fmt.angka(len(berkas.hasil))} laporan tersimpan dari {berkas.file_name} "
        f"({fmt.angka(koreksi)} di antaranya koreksi)."
    )
