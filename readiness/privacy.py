"""Keeping voters' identity out of the database (UU 27/2022 Perlindungan Data Pribadi).

NIK and NKK are stored only as an HMAC-SHA256 with a per-installation secret (enough to find
duplicates, useless for recovering the number) and a masked display form `351301**********`
(region code only: the date digits follow from the birth date and sex that are kept, so any more
would give the whole NIK back).
The secret is created on first use next to the database, readable by its owner only, and is
git-ignored; losing it only means duplicate detection starts afresh.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_NAME = "secret.key"


def installation_secret(db_path: Path | str) -> bytes:
    path = Path(db_path).resolve().parent / SECRET_NAME
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return bytes.fromhex(path.read_text().strip())
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def keyed_hash(secret: bytes, value: str) -> str:
    """HMAC-SHA256 truncated to 128 bits, as 32 hex digits (RFC 2104 section 5); the ingest computes
    the same inside DuckDB (readiness/voterlist.py)."""
    return hmac.new(secret, value.encode("ascii", "ignore"), hashlib.sha256).hexdigest()[:32]


def keyed_hash_number(secret: bytes, value: str) -> int:
    """`keyed_hash` as the 128-bit number a voter list stores (raw_daftar.nik_hash, nkk_hash)."""
    return int(keyed_hash(secret, value), 16)
