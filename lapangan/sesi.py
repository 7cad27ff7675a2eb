"""The phone's session: the login's token in an HttpOnly cookie (SameSite=Strict, Secure over https,
renewed on every page for `UMUR_COOKIE`; the server still ends a session idle for
pengguna.BATAS_DIAM, at logout and when the password is reset or the account disabled), a CSRF token
in every form (double submit: the same random value in a cookie and in the form), the user of a
request and the client's address the login throttling counts by."""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from readiness import akses, db
from readiness import pengguna as pengguna_store

COOKIE = "lapangan_sesi"
COOKIE_CSRF = "lapangan_csrf"
UMUR_COOKIE = 12 * 3600  # seconds; renewed on every page the phone opens
PATH = "/lapangan"


def db_path() -> Path:
    """The main database this server serves (READINESS_DB, as the dashboard)."""
    return Path(os.environ.get("READINESS_DB", db.DEFAULT_DB))


def https(request: Request) -> bool:
    """Whether the phone reached us over https (directly, or through the proxy's X-Forwarded-Proto)."""
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or proto == "https"


def sumber(request: Request) -> str | None:
    """The client's address for the login throttling: the peer, or the address the proxy on this
    machine forwarded (X-Forwarded-For's last entry, trusted only from a loopback peer)."""
    peer = request.client.host if request.client else None
    try:
        loopback = peer is not None and ipaddress.ip_address(peer).is_loopback
    except ValueError:
        loopback = False
    forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
    if loopback and forwarded:
        return forwarded[:64]
    return None if loopback else peer


def pengguna(request: Request) -> akses.Pengguna | str | None:
    """The user of this request, re-read from the store (at most every few seconds): akses.LOKAL
    while no user exists; None when there is no session cookie; 'berakhir' or 'diam' when the session ended (sesi.periksa_sesi)."""
    path = db_path()
    if not pengguna_store.ada_pengguna(path):
        return akses.LOKAL
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    # Trusted for a few seconds once checked: a logout or an account change in this process ends it at once.
    return pengguna_store.periksa_sesi(path, pengguna_store.hash_token(token), ingat_sebentar=True)


def token_csrf(request: Request) -> str:
    """This phone's CSRF token (a new one when it has none yet)."""
    token = request.cookies.get(COOKIE_CSRF, "")
    return token if 20 <= len(token) <= 100 and token.replace("-", "").replace("_", "").isalnum() else ""


def csrf_cocok(request: Request, dikirim: str | None) -> bool:
    ada = token_csrf(request)
    return bool(ada) and isinstance(dikirim, str) and hmac.compare_digest(ada.encode(), dikirim.encode())


def _cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=PATH, httponly=True, samesite="strict", secure=https(request)
    )


def pasang(response: Response, request: Request, *, csrf: str, token: str | None = None) -> None:
    """Set (or renew) the CSRF cookie and, when given, the session cookie on `response`."""
    _cookie(response, request, COOKIE_CSRF, csrf, UMUR_COOKIE)
    if token is None:
        token = request.cookies.get(COOKIE)
    if token:
        _cookie(response, request, COOKIE, token, UMUR_COOKIE)


def csrf_baru() -> str:
    return secrets.token_urlsafe(24)


def hapus(response: Response, request: Request) -> None:
    """Remove both cookies (logout, ended session)."""
    for name in (COOKIE, COOKIE_CSRF):
        response.delete_cookie(name, path=PATH, httponly=True, samesite="strict", secure=https(request))
