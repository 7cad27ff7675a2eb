"""The weekly report for the region's acting head (Pj Bupati, Pj Wali Kota): the problems open in
a week as they stood at its end (marts/masalah_mingguan), summed per korwil, and its workbook."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import db, export, fmt, teks
from .isian import KATEGORI, SELESAI, STATUS, TINGKAT, URUTAN_STATUS, _now


def minggu(tanggal: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week `tanggal` falls in."""
    senin = tanggal - dt.timedelta(days=tanggal.weekday())
    return senin, senin + dt.timedelta(days=6)


def label_minggu(senin: dt.date) -> str:
    """`18–24 November 2024` (`28 Oktober – 3 November 2024` across months)."""
    minggu_ = senin + dt.timedelta(days=6)
    if senin.month == minggu_.month:
        return f"{senin.day}–{fmt.tanggal(minggu_)}"
    return f"{fmt.tanggal(senin).rsplit(' ', 1)[0] if senin.year == minggu_.year else fmt.tanggal(senin)} – {fmt.tanggal(minggu_)}"


def laporan_mingguan(con: duckdb.DuckDBPyConnection, election: str, senin: dt.date) -> pd.DataFrame:
    """Every problem open at some time in the week starting `senin` (query marts/masalah_mingguan),
    with its status and severity as they were at the week's end."""
    awal = dt.datetime.combine(senin, dt.time())
    return db.run(con, "marts/masalah_mingguan", election=election, awal=awal, akhir=awal + dt.timedelta(days=7))


def ringkasan_korwil(df: pd.DataFrame) -> pd.DataFrame:
    """Per korwil: problems in the report, new this week, closed this week, still open (of which high)."""
    if df.empty:
        return pd.DataFrame(columns=["korwil", "koordinator", "jumlah", "baru", "selesai", "terbuka", "terbuka_tinggi"])
    d = df.assign(korwil=df["korwil"].fillna("Tanpa korwil"), terbuka=df["status"] != SELESAI)
    d["terbuka_tinggi"] = d["terbuka"] & (d["tingkat"] == "tinggi")
    g = d.groupby("korwil", sort=True).agg(
        koordinator=("koordinator", "first"),
        jumlah=("masalah_id", "count"),
        baru=("baru_minggu_ini", "sum"),
        selesai=("selesai_minggu_ini", "sum"),
        terbuka=("terbuka", "sum"),
        terbuka_tinggi=("terbuka_tinggi", "sum"),
    )
    return g.reset_index()


_DETAIL = [
    ("masalah_id", "No. masalah"),
    ("kecamatan", "Kecamatan"),
    ("desa", "Desa/Kelurahan"),
    ("no_tps", "TPS"),
    ("kategori", "Kategori"),
    ("uraian", "Uraian masalah"),
    ("pelapor", "Pelapor"),
    ("tanggal", "Tanggal"),
    ("tingkat", "Tingkat"),
    ("status", "Status akhir minggu"),
    ("catatan_terakhir", "Tindak lanjut terakhir"),
]

_RINGKASAN = [
    ("korwil", "Korwil"),
    ("koordinator", "Koordinator"),
    ("jumlah", "Masalah dalam laporan"),
    ("baru", "Baru minggu ini"),
    ("selesai", "Selesai minggu ini"),
    ("terbuka", "Masih terbuka"),
    ("terbuka_tinggi", "Terbuka, tingkat tinggi"),
]


@dataclass
class _Buku:
    """The workbook being written, its formats and what every sheet's head says."""

    wb: object
    gaya: dict
    judul: str
    pemilihan: str
    dibuat: dt.datetime

    def kepala(self, ws, sub: str) -> int:
        ws.write_string(0, 0, self.judul, self.gaya["judul"])
        ws.write_string(1, 0, sub, self.gaya["catatan"])
        ws.write_string(2, 0, f"Pemilihan: {self.pemilihan}", self.gaya["catatan"])
        ws.write_string(3, 0, f"Dibuat: {fmt.tanggal_jam(self.dibuat)}", self.gaya["catatan"])
        ws.write_string(4, 0, teks.DISCLAIMER, self.gaya["peringatan"])
        return 6

    def tulis(self, ws, r, c, value, cell_format=None):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
            return
        if isinstance(value, (bool,)):
            ws.write_string(r, c, "ya" if value else "tidak", cell_format)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, float(value), cell_format or self.gaya["angka"])
        elif isinstance(value, (dt.date, pd.Timestamp)):
            value = pd.Timestamp(value).to_pydatetime()
            ws.write_datetime(r, c, value, self.gaya["tanggal"])
        else:
            ws.write_string(r, c, str(value), cell_format)  # text stays text, whatever it starts with


def laporan_xlsx(
    df: pd.DataFrame,
    pemilihan: str,
    senin: dt.date,
    dibuat: dt.datetime | None = None,
    wilayah: str | None = None,
    untuk: str | None = None,
) -> bytes:
    """The weekly report for the region's acting head (`untuk`: 'Pj Wali Kota Probolinggo'): a
    summary sheet (one row per korwil) and one detail sheet per korwil, titled with the region's
    name (`wilayah`). Every text cell is written as text (a description starting with `=` stays
    text, never a formula)."""
    buffer = io.BytesIO()
    judul = f"Laporan mingguan permasalahan pilkada{' ' + wilayah if wilayah else ''}, {label_minggu(senin)}"
    wb, gaya = export.buku(buffer, judul)
    gaya["bungkus"] = wb.add_format({"text_wrap": True, "valign": "top"})
    gaya["tanggal"] = wb.add_format({"num_format": "d mmmm yyyy", "valign": "top"})
    gaya["angka"] = wb.add_format({"num_format": "#,##0", "valign": "top"})
    buku = _Buku(wb, gaya, judul, pemilihan, dibuat or _now())
    _lembar_ringkasan(buku, df, untuk)
    used = {"Ringkasan"}
    for korwil, group in (
        df.assign(korwil=df["korwil"].fillna("Tanpa korwil")).groupby("korwil", sort=True) if not df.empty else []
    ):
        name = re.sub(r"[\[\]:*?/\\]", " ", str(korwil))[:31].strip() or "Korwil"
        base, n = name, 2
        while name in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name)
        _lembar_korwil(buku, wb.add_worksheet(name), korwil, group)
    wb.close()
    return buffer.getvalue()


def _lembar_ringkasan(buku: _Buku, df: pd.DataFrame, untuk: str | None) -> None:
    ringkas = ringkasan_korwil(df)
    ws = buku.wb.add_worksheet("Ringkasan")
    head = buku.kepala(
        ws,
        (f"Untuk {untuk}. " if untuk else "")
        + "Per koordinator wilayah: masalah yang terbuka pada minggu ini, baru, selesai, dan yang masih terbuka",
    )
    for c, (_, name) in enumerate(_RINGKASAN):
        ws.write_string(head, c, name, buku.gaya["kepala"])
        ws.set_column(c, c, 22 if c > 1 else 30)
    for r, row in enumerate(ringkas.to_dict("records"), start=head + 1):
        for c, (src, _) in enumerate(_RINGKASAN):
            value = row[src]
            buku.tulis(
                ws, r, c, int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
            )
    total_row = head + 1 + len(ringkas)
    ws.write_string(total_row, 0, "Jumlah", buku.wb.add_format({"bold": True}))
    for c, (src, _) in enumerate(_RINGKASAN[2:], start=2):
        ws.write_number(total_row, c, float(ringkas[src].sum()) if len(ringkas) else 0.0, buku.gaya["angka"])
    if df.empty:
        ws.write_string(total_row + 2, 0, "Tidak ada masalah terbuka pada minggu ini.")


def _lembar_korwil(buku: _Buku, ws, korwil: str, group: pd.DataFrame) -> None:
    f_wrap = buku.gaya["bungkus"]
    koor = group["koordinator"].dropna()
    head = buku.kepala(ws, f"{korwil}" + (f" — koordinator {koor.iloc[0]}" if len(koor) else ""))
    for c, (_, label) in enumerate(_DETAIL):
        ws.write_string(head, c, label, buku.gaya["kepala"])
    widths = {"uraian": 60, "catatan_terakhir": 45, "masalah_id": 7, "no_tps": 6}
    for c, (src, _) in enumerate(_DETAIL):
        ws.set_column(c, c, widths.get(src, 18), f_wrap if src in ("uraian", "catatan_terakhir") else None)
    # Open before closed, high severity first, then by kecamatan and date.
    group = group.assign(
        _s=group["status"].map(URUTAN_STATUS), _t=group["tingkat"].map({"tinggi": 0, "sedang": 1, "rendah": 2})
    ).sort_values(["_s", "_t", "kecamatan", "tanggal", "masalah_id"])
    for r, row in enumerate(group.to_dict("records"), start=head + 1):
        for c, (src, _) in enumerate(_DETAIL):
            value = row[src]
            if src == "kategori":
                value = KATEGORI.get(value, value)
            elif src == "tingkat":
                value = TINGKAT.get(value, value)
            elif src == "status":
                value = STATUS.get(value, value)
            elif src == "masalah_id":
                value = int(value)
            buku.tulis(ws, r, c, value, f_wrap if isinstance(value, str) else None)
    ws.freeze_panes(head + 1, 0)
    ws.autofilter(head, 0, head + len(group), len(_DETAIL) - 1)


def nama_berkas_laporan(election: str, senin: dt.date) -> str:
    return f"laporan_permasalahan_{election}_minggu_{senin.isoformat()}.xlsx"
