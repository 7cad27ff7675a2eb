"""Tests of readiness/lapor/, one module each. The names below are shared by them: the sample's
TPS, the users, and sending a report or reading the summary through the `ctx` fixture (conftest.py)."""

from __future__ import annotations

import datetime as dt

from readiness import akses, lapor

E = "pilkada-2024"
ADMIN = akses.Pengguna("admin1", "admin")
ANALIS = akses.Pengguna("analis1", "analis")
PIMPINAN = akses.Pengguna("bupati", "pimpinan")
SUKAPURA = "35.13.01"
NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
# DPT of these TPS in the sample TPS list (tps_pilkada2024.xlsx): Ngadisari 1 and 2: 470, Wonotoro 1: 479.
PAGI = dt.datetime(2024, 11, 27, 7, 0)


def kirim(ctx, desa, tps, tahap, pengguna=ADMIN, **kw):
    lap = lapor.Laporan(E, desa, str(tps), tahap, kw.pop("waktu", PAGI), **kw)
    return ctx["layanan"].kirim(pengguna, lap, ctx["daftar"])


def ringkas(ctx, tahap="logistik_tiba"):
    cur = ctx["layanan"].cursor()
    return lapor.ringkasan(cur, ctx["daftar"], ctx["kec"], tahap, kabupaten=ctx["kab"])


def baris(frame, col, value):
    rows = frame[frame[col] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]
