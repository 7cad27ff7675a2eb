"""The pages of the field-report path as small HTML strings: every text Indonesian, every value
from a user or the database escaped, a few lines of inline CSS, one script (`lapangan.js`, loaded
deferred; the form works without it). A page and its script stay under `UKURAN_MAKS` bytes
uncompressed: a phone on slow 3G (about 50 kB/s) loads them in a second or two."""

from __future__ import annotations

import datetime as dt
import functools
from html import escape

import pandas as pd

from readiness import akses, fmt, lapor, teks

UKURAN_MAKS = 50_000
TPS_PER_HALAMAN = 150  # an area with more TPS (a user for the whole region) first picks a kecamatan

CSS = (
    "body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:34rem;padding:.75rem;color:#1b1b1b}"
    "h1{font-size:1.25rem;margin:.2rem 0}label,legend{display:block;font-weight:600;margin:.8rem 0 .3rem}"
    "input,select,textarea,button{font:inherit;width:100%;box-sizing:border-box;min-height:48px;padding:.4rem}"
    "fieldset{border:0;padding:0;margin:0}.pilih label{font-weight:400;display:flex;align-items:center;"
    "min-height:48px;margin:0}.pilih input{width:auto;min-height:0;margin-right:.6rem}"
    ".dua{display:flex;gap:.6rem}.dua div{flex:1}button{background:#0b5cad;color:#fff;border:0;"
    "border-radius:6px;margin-top:1rem;font-weight:600}button.lain{background:#e8e8e8;color:#1b1b1b}"
    ".ok,.galat,.tunggu{padding:.6rem;border-radius:6px;margin:.6rem 0}.ok{background:#dff3e3}"
    ".galat{background:#fde2e1}.tunggu{background:#fff3cd}small{color:#555}a{color:#0b5cad}"
)


def _kerangka(judul: str, isi: str, *, nama: str = "", skrip: bool = False) -> str:
    js = '<script src="/lapangan/lapangan.js" defer></script>' if skrip else ""
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(judul)}</title><style>{CSS}</style>{js}</head>"
        f'<body data-pengguna="{escape(nama)}">{isi}'
        f"<p><small>{escape(teks.DISCLAIMER)}.</small></p></body></html>"
    )


def pesan(kind: str, teks_: str) -> str:
    """A message box: `ok` (stored), `galat` (refused), `tunggu` (not yet sent)."""
    return f'<div class="{kind}" role="status">{escape(teks_)}</div>'


def masuk(csrf: str, galat: str = "", nama: str = "") -> str:
    """The login form."""
    isi = (
        f"<h1>Lapor lapangan — masuk</h1>{pesan('galat', galat) if galat else ''}"
        '<form method="post" action="/lapangan/masuk">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<label for="nama">Nama pengguna</label>'
        f'<input id="nama" name="nama" autocomplete="username" required value="{escape(nama)}">'
        '<label for="sandi">Kata sandi</label>'
        '<input id="sandi" name="sandi" type="password" autocomplete="current-password" required>'
        "<button>Masuk</button></form>"
    )
    return _kerangka("Masuk — Lapor lapangan", isi)


def _pilih_tps(tps: pd.DataFrame, dipilih: str) -> str:
    dpt = [None if pd.isna(d) else int(d) for d in tps["dpt"]]  # NaN is not equal to itself: no cache key
    rows = tuple(zip(tps["kecamatan"], tps["desa"], tps["kode_desa"], tps["no_tps"], dpt))
    html = _opsi_tps(rows)
    if dipilih:
        nilai = f'value="{escape(dipilih)}">'
        html = html.replace(nilai, nilai[:-1] + " selected>", 1)
    return html


@functools.lru_cache(maxsize=1024)
def _opsi_tps(rows: tuple) -> str:
    """The TPS list of an area, grouped by desa: the same for every reporter of the area, built once."""
    per_desa: dict[tuple, list] = {}
    for kecamatan, desa, kode_desa, no_tps, dpt in rows:
        per_desa.setdefault((kecamatan, desa), []).append((kode_desa, no_tps, dpt))
    opsi = []
    for (kecamatan, desa), isi in per_desa.items():
        opsi.append(f'<optgroup label="{escape(desa)} ({escape(kecamatan)})">')
        for kode_desa, no_tps, dpt in isi:
            nilai = lapor.tautan_tps(kode_desa, no_tps)
            dpt_teks = "" if dpt is None else f" · DPT {fmt.angka(dpt)}"
            opsi.append(f'<option value="{escape(nilai)}">TPS {escape(no_tps)}{dpt_teks}</option>')
        opsi.append("</optgroup>")
    return f'<label for="tps">TPS</label><select id="tps" name="tps" required>{"".join(opsi)}</select>'


def _pilih_kecamatan(tps: pd.DataFrame) -> str:
    links = "".join(
        f'<li><a href="/lapangan/?kec={escape(k)}">Kecamatan {escape(n)}</a></li>'
        for k, n in lapor.pilihan_kecamatan(tps).items()
    )
    return f"<p>Pilih kecamatan TPS Anda:</p><ul>{links}</ul>"


def formulir(
    user: akses.Pengguna,
    tps: pd.DataFrame,
    wilayah: str,
    *,
    csrf: str,
    kirim_id: str,
    kecamatan: str = "",
    dipilih: str = "",
    hasil: str = "",
) -> str:
    """The report form for the TPS of `tps` (the user's area), with the answer to the last report
    (`hasil`, already HTML from `pesan`) above it. A new `kirim_id` per form: the same form sent
    again (a retry, the browser resending it) is recognised by the server."""
    kepala = (
        f"<h1>Lapor cepat TPS</h1><p><small>{escape(user.nama)} · {escape(akses.PERAN.get(user.peran, user.peran))}"
        f" · {escape(wilayah)}</small></p>"
    )
    keluar = (
        '<form method="post" action="/lapangan/keluar" id="keluar">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<button class="lain">Keluar</button></form>'
    )
    if tps.empty:
        isi = pesan("galat", "Tidak ada TPS di wilayah tugas Anda. Hubungi admin desk pilkada.")
        return _kerangka("Lapor lapangan", kepala + isi + keluar, nama=user.nama)
    if len(tps) > TPS_PER_HALAMAN:
        if kecamatan and kecamatan in set(tps["kode_kecamatan"]):
            tps = tps[tps["kode_kecamatan"] == kecamatan]
        else:
            return _kerangka("Lapor lapangan", kepala + hasil + _pilih_kecamatan(tps) + keluar, nama=user.nama)
    tahap = "".join(
        f'<label><input type="radio" name="tahap" value="{k}"{" checked" if i == 0 else ""}>{escape(v)}</label>'
        for i, (k, v) in enumerate(lapor.JENIS.items())
    )
    kategori = "".join(f'<option value="{escape(k)}">{escape(v)}</option>' for k, v in lapor.kategori().items())
    form = (
        '<form method="post" action="/lapangan/kirim" id="lapor">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<input type="hidden" name="kirim_id" value="{escape(kirim_id)}">'
        f"{_pilih_tps(tps, dipilih)}"
        f'<fieldset class="pilih"><legend>Laporan</legend>{tahap}</fieldset>'
        '<label for="jam">Jam kejadian <small>(kosongkan: sekarang)</small></label>'
        '<input id="jam" name="jam" type="time">'
        "<p><small>Pengguna hak pilih (hanya untuk pemungutan/penghitungan selesai)</small></p>"
        '<div class="dua"><div><label for="hadir_l">Laki-laki (L)</label>'
        '<input id="hadir_l" name="hadir_l" type="number" min="0" max="10000" inputmode="numeric"></div>'
        '<div><label for="hadir_p">Perempuan (P)</label>'
        '<input id="hadir_p" name="hadir_p" type="number" min="0" max="10000" inputmode="numeric"></div></div>'
        '<label for="kategori">Kejadian <small>(bila ada)</small></label>'
        f'<select id="kategori" name="kategori"><option value="">Tidak ada kejadian</option>{kategori}</select>'
        '<label for="uraian">Uraian singkat</label>'
        f'<textarea id="uraian" name="uraian" rows="3" maxlength="{lapor.URAIAN_MAKS}"></textarea>'
        "<button>Kirim laporan</button></form>"
        '<div id="antrian"></div>'
    )
    return _kerangka("Lapor lapangan", kepala + hasil + form + keluar, nama=user.nama, skrip=True)


def keluar_konfirmasi(csrf: str) -> str:
    isi = (
        "<h1>Keluar</h1>"
        '<form method="post" action="/lapangan/keluar" id="keluar">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}"><button>Keluar dari ponsel ini</button></form>'
        '<p><a href="/lapangan/">Kembali ke formulir</a></p>'
    )
    return _kerangka("Keluar — Lapor lapangan", isi, skrip=True)


def sudah_keluar(pesan_: str) -> str:
    isi = f'<h1>Lapor lapangan</h1>{pesan("ok", pesan_)}<p><a href="/lapangan/">Masuk lagi</a></p>'
    return _kerangka("Lapor lapangan", isi, skrip=True)


def galat(pesan_: str) -> str:
    isi = f'<h1>Lapor lapangan</h1>{pesan("galat", pesan_)}<p><a href="/lapangan/">Kembali ke formulir</a></p>'
    return _kerangka("Lapor lapangan", isi)


def jam_isian(teks_jam: str | None, kini: dt.datetime) -> tuple[dt.datetime, str | None]:
    """(when it happened, a refusal in words) from the form's `jam` (`07.15`, `07:15`; empty: now)."""
    teks_jam = (teks_jam or "").strip().replace(".", ":")
    if not teks_jam:
        return kini, None
    try:
        jam = dt.time.fromisoformat(teks_jam if len(teks_jam) > 2 else f"{teks_jam}:00")
    except ValueError:
        return kini, f"Jam kejadian '{teks_jam[:10]}' tidak dikenali; tulis seperti 07.15."
    return lapor.waktu_laporan(kini, jam.replace(second=0, microsecond=0))[0], None
