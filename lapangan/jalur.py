"""The Starlette routes of the field-report path (see the package's docstring). Every answer is
Indonesian; an unexpected error is logged and answered with a sentence, never a traceback.

A report (`/lapangan/kirim`) is checked and queued for the process's one writer in a worker thread
(the session is re-read from the store, the server checks area, TPS and numbers), then awaited on
the event loop without holding a thread until its group commit: "terkirim" is said only after it.
The script asks for JSON (`Accept: application/json`); a plain form POST gets the page again."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import uuid
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from readiness import akses, catatan, db, lapor
from readiness import pengguna as pengguna_store
from readiness.lapor.writer import SIBUK

from . import halaman, sesi

log = logging.getLogger(__name__)
JS = Path(__file__).with_name("lapangan.js")
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
}
SESI_BERAKHIR = "Sesi Anda berakhir; silakan masuk lagi. Laporan yang belum terkirim tetap tersimpan di ponsel ini."
CSRF_SALAH = "Formulir ini sudah kedaluwarsa; muat ulang halaman lalu kirim lagi."
GALAT_SERVER = "Terjadi kesalahan di server; laporan belum tersimpan. Coba kirim lagi sebentar lagi."
TIDAK_BOLEH = "Anda tidak memiliki akses untuk mengirim laporan."

_lock = threading.Lock()
_readers: dict[Path, db.Reader] = {}
_daftar: dict[Path, tuple[tuple, lapor.DaftarTps]] = {}


class Ditolak(Exception):
    """A request answered with a sentence and a status code (refused report, ended session, …)."""

    def __init__(self, pesan: str, status: int = 400):
        super().__init__(pesan)
        self.status = status


def daftar_tps() -> lapor.DaftarTps:
    """The active election's TPS list, read once per data version of the main database."""
    path = sesi.db_path().resolve()
    with _lock:
        reader = _readers.setdefault(path, db.Reader(path))
    version, cur = reader.snapshot()
    with _lock:
        found = _daftar.get(path)
        if found and found[0] == version:
            return found[1]
    elections = db.run(cur, "marts/elections")
    aktif = [e for e, a in zip(elections["election_id"], elections["aktif"]) if a]
    election = aktif[0] if aktif else (elections["election_id"].iloc[0] if len(elections) else db.DEFAULT_ELECTION)
    daftar = lapor.DaftarTps.dari_db(cur, election)
    with _lock:
        _daftar[path] = (version, daftar)
    return daftar


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


@functools.lru_cache(maxsize=4096)
def _wilayah(daftar: lapor.DaftarTps, peran: str, wilayah: str | None, kabkota: str | None = None) -> tuple:
    """(the TPS a user of this role, area and kab/kota may report for, the area in words), per TPS
    list: the same for every reporter of a desa, and a filter over every TPS of the region costs
    more than the rest of the page."""
    user = akses.Pengguna("", peran, wilayah, kabkota=kabkota)
    mine = daftar.wilayah(user)
    return mine, lapor.wilayah_teks(user, mine) if len(mine) else ""


def _halaman_formulir(request: Request, user: akses.Pengguna, csrf: str, *, hasil: str = "", dipilih: str = ""):
    mine, wilayah = _wilayah(daftar_tps(), user.peran, user.wilayah, user.kabkota)
    body = halaman.formulir(
        user,
        mine,
        wilayah,
        csrf=csrf,
        kirim_id=f"h-{uuid.uuid4().hex}",
        kecamatan=request.query_params.get("kec", "") or dipilih.rpartition(".")[0][:8],
        dipilih=dipilih,
        hasil=hasil,
    )
    response = _html(body)
    sesi.pasang(response, request, csrf=csrf)
    return response


def _halaman_masuk(request: Request, galat: str = "", nama: str = "", status: int = 200) -> Response:
    csrf = sesi.token_csrf(request) or sesi.csrf_baru()
    response = _html(halaman.masuk(csrf, galat, nama), status)
    response.delete_cookie(sesi.COOKIE, path=sesi.PATH, httponly=True, samesite="strict", secure=sesi.https(request))
    sesi.pasang(response, request, csrf=csrf)
    return response


def _aman(fn):
    """Answer an unexpected error with a sentence (logged with its traceback), never a traceback."""

    async def endpoint(request: Request) -> Response:
        try:
            return await fn(request)
        except catatan.Sibuk as exc:
            return _galat(request, str(exc), 503)
        except Exception:
            log.exception("lapangan: %s %s", request.method, request.url.path)
            return _galat(request, GALAT_SERVER, 500)

    return endpoint


def _galat(request: Request, pesan: str, status: int) -> Response:
    if _json(request):
        return JSONResponse({"galat": pesan}, status_code=status, headers=HEADERS)
    return _html(halaman.galat(pesan), status)


# --------------------------------------------------------------------------- the routes
async def beranda(request: Request) -> Response:
    def run():
        user = sesi.pengguna(request)
        if not isinstance(user, akses.Pengguna):
            pesan = pengguna_store_pesan(user)
            return _halaman_masuk(request, pesan)
        if not akses.boleh(user, "lapor"):
            return _html(halaman.galat(TIDAK_BOLEH), 403)
        return _halaman_formulir(request, user, sesi.token_csrf(request) or sesi.csrf_baru())

    return await run_in_threadpool(run)


def pengguna_store_pesan(alasan: str | None) -> str:
    if alasan == "diam":
        return f"Sesi Anda berakhir karena tidak ada aktivitas selama {pengguna_store.BATAS_DIAM // 3600} jam."
    return SESI_BERAKHIR if alasan == "berakhir" else ""


async def masuk(request: Request) -> Response:
    form = await request.form(max_fields=10)
    if not sesi.csrf_cocok(request, form.get("csrf")):
        return _halaman_masuk(request, CSRF_SALAH, status=403)
    nama, sandi = str(form.get("nama", "")), str(form.get("sandi", ""))
    hasil = await run_in_threadpool(pengguna_store.masuk, sesi.db_path(), nama, sandi, sumber=sesi.sumber(request))
    if not hasil.berhasil:
        return _halaman_masuk(request, hasil.pesan, nama, 401)
    response = RedirectResponse("/lapangan/", status_code=303, headers=HEADERS)
    sesi.pasang(response, request, csrf=sesi.csrf_baru(), token=hasil.token)
    return response


async def keluar(request: Request) -> Response:
    if request.method == "GET":
        return _html(halaman.keluar_konfirmasi(sesi.token_csrf(request) or ""))
    form = await request.form(max_fields=10)
    if not sesi.csrf_cocok(request, form.get("csrf")):
        return _html(halaman.galat(CSRF_SALAH), 403)

    def run():
        user = sesi.pengguna(request)
        token = request.cookies.get(sesi.COOKIE)
        if isinstance(user, akses.Pengguna) and not user.lokal:
            try:
                pengguna_store.keluar(sesi.db_path(), user, pengguna_store.hash_token(token) if token else None)
            except catatan.Sibuk:
                pass  # logging out never waits; the cookie goes all the same
        response = _html(halaman.sudah_keluar("Anda sudah keluar. Data laporan di ponsel ini sudah dihapus."))
        # The phone forgets this origin's stored data (the queue of unsent reports) and the session.
        response.headers["Clear-Site-Data"] = '"storage"'
        sesi.hapus(response, request)
        return response

    return await run_in_threadpool(run)


def _angka(form, field: str, label: str) -> int | None:
    nilai = str(form.get(field) or "").strip().replace(".", "")
    if not nilai:
        return None
    if not nilai.isdigit() or len(nilai) > 6:
        raise Ditolak(f"Kolom {label}: '{nilai[:12]}' bukan bilangan bulat.")
    return int(nilai)


def _laporan(form, election: str) -> lapor.Laporan:
    """The report a form describes, or Ditolak naming the field."""
    kode_desa, _, no_tps = str(form.get("tps") or "").rpartition("-")
    if not kode_desa:
        raise Ditolak("Pilih TPS.")
    tahap = str(form.get("tahap") or "")
    waktu, salah_jam = halaman.jam_isian(str(form.get("jam") or ""), lapor.menit_ini())
    if salah_jam:
        raise Ditolak(salah_jam)
    kategori = str(form.get("kategori") or "") or None
    uraian = str(form.get("uraian") or "").strip() or None
    return lapor.Laporan(
        election,
        kode_desa,
        no_tps,
        tahap,
        waktu,
        _angka(form, "hadir_l", "Laki-laki (L)"),
        _angka(form, "hadir_p", "Perempuan (P)"),
        kategori,
        uraian,
        str(form.get("kirim_id") or ""),
    )


def _antre(request: Request, form):
    """In a worker thread: the user, the CSRF token and the report checked and queued; returns
    (user, TPS, stage, Future)."""
    user = sesi.pengguna(request)
    if not isinstance(user, akses.Pengguna):
        raise Ditolak(pengguna_store_pesan(user) or SESI_BERAKHIR, 401)
    if not sesi.csrf_cocok(request, form.get("csrf")):
        raise Ditolak(CSRF_SALAH, 403)
    daftar = daftar_tps()
    lap = _laporan(form, daftar.election)
    try:
        fut = lapor.layanan(sesi.db_path()).kirim_nanti(user, lap, daftar, sumber="lapangan")
    except lapor.LaporanDitolak as exc:
        raise Ditolak(str(exc), 503 if "proses lain" in str(exc) else 400) from None
    except lapor.BelumTersimpan as exc:
        raise Ditolak(str(exc), 503) from None
    return user, daftar.get(lap.kode_desa, lap.no_tps), lap, fut


async def kirim(request: Request) -> Response:
    form = await request.form(max_fields=20, max_part_size=8192)
    dipilih = str(form.get("tps") or "")
    try:
        user, tps, lap, fut = await run_in_threadpool(_antre, request, form)
        try:
            hasil = await asyncio.wait_for(asyncio.wrap_future(fut), lapor.TUNGGU_DETIK)
        except TimeoutError:
            raise Ditolak(SIBUK, 503) from None
        except lapor.LaporanDitolak as exc:
            raise Ditolak(str(exc), 400) from None
    except Ditolak as exc:
        if _json(request):
            return JSONResponse({"galat": str(exc)}, status_code=exc.status, headers=HEADERS)
        if exc.status == 401:
            return _halaman_masuk(request, str(exc), status=401)
        if exc.status == 403:
            return _html(halaman.galat(str(exc)), 403)
        user = await run_in_threadpool(sesi.pengguna, request)
        kelas = "tunggu" if exc.status == 503 else "galat"
        return await run_in_threadpool(
            _halaman_formulir,
            request,
            user,
            sesi.token_csrf(request),
            hasil=halaman.pesan(kelas, str(exc)),
            dipilih=dipilih,
        )
    kind, teks, peringatan = lapor.jawaban(tps, lap.tahap, hasil)
    if _json(request):
        response = JSONResponse(
            {"status": hasil.status, "seq": hasil.seq, "pesan": teks, "peringatan": list(peringatan)}, headers=HEADERS
        )
        sesi.pasang(response, request, csrf=sesi.token_csrf(request))  # a phone that only sends stays logged in
        return response
    kotak = halaman.pesan("ok", teks) + "".join(halaman.pesan("tunggu", p) for p in peringatan)
    return await run_in_threadpool(
        _halaman_formulir, request, user, sesi.token_csrf(request), hasil=kotak, dipilih=dipilih
    )


async def skrip(request: Request) -> Response:
    return Response(
        JS.read_bytes(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


async def sehat(request: Request) -> Response:
    return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})


async def tidak_ada(request: Request) -> Response:
    return _galat(request, "Halaman ini tidak ada.", 404)


async def ke_formulir(request: Request) -> Response:
    return RedirectResponse("/lapangan/", status_code=307)


def rute() -> list:
    """The routes to hand to st.App: `/lapangan` and everything under it."""
    return [
        Route("/lapangan", ke_formulir),
        Mount(
            "/lapangan",
            routes=[
                Route("/", _aman(beranda)),
                Route("/masuk", _aman(masuk), methods=["POST"]),
                Route("/keluar", _aman(keluar), methods=["GET", "POST"]),
                Route("/kirim", _aman(kirim), methods=["POST"]),
                Route("/lapangan.js", skrip),
                Route("/sehat", sehat),
                Route("/{lain:path}", tidak_ada, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            ],
        ),
    ]


__all__ = ["daftar_tps", "rute"]
