"""Passwords are kept only as argon2id hashes (argon2-cffi, its RFC 9106 low-memory profile)."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .aturan import periksa_sandi

_hasher = PasswordHasher()  # argon2id, time_cost 3, 64 MiB, parallelism 4


@functools.cache
def hash_kosong() -> str:
    """Verified against when the name is unknown, so an unknown name takes as long as a wrong password."""
    return _hasher.hash("tidak-ada-pengguna-ini")


def hash_sandi(sandi: str) -> str:
    periksa_sandi(sandi)
    return _hasher.hash(sandi)


def cocok(sandi_hash: str, sandi: str) -> bool:
    """Whether `sandi` is the password of `sandi_hash` (a damaged hash never matches)."""
    try:
        return _hasher.verify(sandi_hash, sandi or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def hash_ulang(sandi_hash: str, sandi: str) -> str | None:
    """A new hash of a password just checked, when the stored one was made with other settings."""
    return _hasher.hash(sandi) if _hasher.check_needs_rehash(sandi_hash) else None
