"""Keeping voters' identity out of the database (UU 27/2022 Perlindungan Data Pribadi).

NIK and NKK are stored only as an HMAC-SHA256 with a per-installation key (enough to find
duplicates) and a masked display form `351301**********` (region code only). The stored region
code, birth date and sex leave only the 4-digit serial of a NIK unknown, so whoever holds the
key AND the database recovers a NIK by trying the 10.000 serials; without the key, nobody does.
Hence the key never lives in the data folder (a copy of `data/` must give back no NIK):

1. `READINESS_KUNCI=/etc/dasbor-pilkada/kunci` — a path the admin chooses;
2. else systemd's credential store, `$CREDENTIALS_DIRECTORY/dasbor-pilkada-kunci`
   (`LoadCredential=dasbor-pilkada-kunci:/etc/dasbor-pilkada/kunci` in the unit);
3. else `$XDG_CONFIG_HOME/dasbor-pilkada/kunci` (`~/.config/...`): one key per user account. The
   service runs under its own account, so that is one key per installation; a name derived from
   the database path would silently start a new key (and lose duplicate detection across old and
   new uploads) when the data folder is moved or restored from a backup.

The key is 32 random bytes written as 64 hex digits, generated on first use (0600, in a 0700
folder). An empty, short, or group/other-readable key is refused, never used. A key an older
release kept beside the database (`data/secret.key`) is moved out on first use, so hashes of old
and new uploads still match.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import sys
from pathlib import Path

ENV_KEY = "READINESS_KUNCI"
CREDENTIAL_NAME = "dasbor-pilkada-kunci"
LEGACY_NAME = "secret.key"  # where releases before this one kept the key: beside the database
KEY_BYTES = 32


class KeyRefused(ValueError):
    """The installation key cannot be used; the message says what to do (Indonesian)."""


# --------------------------------------------------------------------------- private files
def private_dir(path: Path | str) -> Path:
    """`path` as a folder; every folder this creates on the way is 0700 (an existing one is left
    as it is: it may be shared on purpose, e.g. /etc/dasbor-pilkada owned by root)."""
    path = Path(path)
    missing, folder = [], path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask
    return path


def make_private(path: Path | str) -> None:
    """Readable and writable by the owner only (0600). For every file holding data: the database,
    its lock, the field-report store, exports written to disk."""
    os.chmod(path, 0o600)


def write_private(path: Path | str, data: bytes) -> None:
    """Write a whole file 0600 and atomically: a temporary file beside it (created 0600, never
    readable by others even for a moment) renamed over `path`."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- the key
def key_path() -> tuple[Path, bool]:
    """Where the key is read from, and whether it may be generated there (a credential store is
    read-only)."""
    chosen = os.environ.get(ENV_KEY, "").strip()
    if chosen:
        return Path(chosen).expanduser().absolute(), True
    credentials = os.environ.get("CREDENTIALS_DIRECTORY", "").strip()
    if credentials and (Path(credentials) / CREDENTIAL_NAME).exists():
        return Path(credentials) / CREDENTIAL_NAME, False
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "dasbor-pilkada" / "kunci", True


def _what_to_do(path: Path) -> str:
    return (
        f"Buat kunci baru dengan `openssl rand -hex 32 > {path}` lalu `chmod 600 {path}` "
        f"(hanya bila belum ada unggahan daftar pemilih; kunci baru tidak cocok dengan sidik NIK yang "
        f"sudah tersimpan), atau pulihkan kunci dari cadangannya."
    )


def _parse_key(text: str, path: Path) -> bytes:
    text = text.strip()
    if not text:
        raise KeyRefused(f"Kunci instalasi {path} kosong; kunci kosong tidak dipakai. {_what_to_do(path)}")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise KeyRefused(
            f"Kunci instalasi {path} bukan {2 * KEY_BYTES} digit heksadesimal. {_what_to_do(path)}"
        ) from None
    if len(key) < KEY_BYTES:
        raise KeyRefused(
            f"Kunci instalasi {path} terlalu pendek ({len(key)} byte; minimal {KEY_BYTES} byte = "
            f"{2 * KEY_BYTES} digit heksadesimal). {_what_to_do(path)}"
        )
    return key


def read_key(path: Path | str) -> bytes:
    """The key in `path`, refused when it is empty, short, not hex, or readable by anyone but its
    owner."""
    path = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            raise KeyRefused(
                f"Kunci instalasi {path} dapat dibaca atau diubah pengguna lain (izin {mode:o}); "
                f"kunci itu tidak dipakai. Jalankan: chmod 600 {path}"
            )
        text = path.read_text(encoding="ascii", errors="replace")
    except PermissionError:
        raise KeyRefused(
            f"Kunci instalasi {path} tidak dapat dibaca oleh pengguna layanan ini. Jalankan "
            f"aplikasi sebagai pemilik berkas itu, atau: chown PENGGUNA {path}; chmod 600 {path}"
        ) from None
    return _parse_key(text, path)


def _place(path: Path, key: bytes) -> None:
    """Write `key` to `path` (0600, in a 0700 folder when the folder is new) unless a key is already
    there; two processes starting at once end with one key."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.hex() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # never replaces a key that is there already
        except FileExistsError:
            pass
        fsync(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def fsync(path: Path) -> None:
    """Flush a file or a folder (a rename is durable once its folder is flushed)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def installation_secret(db_path: Path | str) -> bytes:
    """The installation key for the database at `db_path` (generated on first use). A key left
    beside the database by an older release is moved to the key's place first."""
    path, may_create = key_path()
    data_dir = Path(db_path).absolute().parent
    if _inside(path, data_dir):
        raise KeyRefused(
            f"Kunci instalasi {path} berada di folder data {data_dir}: salinan folder data akan "
            f"membawa kuncinya. Atur {ENV_KEY} ke berkas di luar folder data, "
            f"mis. {ENV_KEY}=/etc/dasbor-pilkada/kunci."
        )
    legacy = data_dir / LEGACY_NAME
    if legacy.exists():
        return _move_legacy(legacy, path, may_create)
    try:
        return read_key(path)
    except FileNotFoundError:
        if not may_create:
            raise
    _place(path, secrets.token_bytes(KEY_BYTES))
    return read_key(path)


def _move_legacy(legacy: Path, path: Path, may_create: bool) -> bytes:
    """Move `data/secret.key` out of the data folder: copy (0600, atomically), read back, compare,
    then delete the old file. Refused when a different key is already in the new place."""
    try:
        old = _parse_key(legacy.read_text(encoding="ascii", errors="replace"), legacy)
    except KeyRefused as exc:
        raise KeyRefused(
            f"{exc} Kunci lama di folder data tidak dipindahkan; bila tidak ada cadangannya, "
            f"hapus {legacy} (NIK ganda antara unggahan lama dan baru tidak lagi dikenali)."
        ) from None
    if path.exists() or not may_create:
        current = read_key(path)
        if not hmac.compare_digest(current, old):
            raise KeyRefused(
                f"Ada dua kunci instalasi yang berbeda: {legacy} (lama, di folder data) dan {path}. "
                f"Sidik NIK dari kunci yang satu tidak cocok dengan yang lain, jadi tidak ada yang "
                f"dipakai. Bila unggahan daftar pemilih yang ada dibuat dengan kunci lama, pindahkan: "
                f"mv {legacy} {path}; bila tidak, hapus {legacy}."
            )
    else:
        _place(path, old)
        if not hmac.compare_digest(read_key(path), old):
            raise KeyRefused(
                f"Kunci instalasi tidak dapat dipindahkan dari {legacy} ke {path} "
                f"(isi salinannya berbeda). Periksa ruang disk dan izin folder {path.parent}."
            )
    legacy.unlink(missing_ok=True)
    fsync(legacy.parent)
    print(
        f"Kunci instalasi dipindahkan dari {legacy} ke {path} (di luar folder data). Cadangkan berkas kunci "
        "itu terpisah dari cadangan database.",
        file=sys.stderr,
        flush=True,
    )
    return old


# --------------------------------------------------------------------------- the keyed hash
# NIK and NKK are stored as HMAC-SHA256 (RFC 2104) truncated to 128 bits (section 5 allows half the
# output). This is its one definition: the ingest hashes each chunk's 16-digit texts with `KeyedHasher` and
# passes `hmac_pads` to DuckDB for the rest (queries/voterlist/macros.sql, `hmac128`).
HASH_BYTES = 16
_BLOCK = 64  # SHA-256's block size


def hmac_pads(secret: bytes) -> tuple[bytes, bytes]:
    """(opad, ipad): the key padded to one block and xored with 0x5C and 0x36. A key longer than a
    block is hashed first, as RFC 2104 says (keys are at least 32 bytes; a longer one is allowed)."""
    key = hashlib.sha256(secret).digest() if len(secret) > _BLOCK else secret
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x5C for b in key), bytes(b ^ 0x36 for b in key)


class KeyedHasher:
    """The keyed hash of many values with one key: the pads are hashed once, each value then costs
    two copies of a SHA-256 state, no new HMAC object per value."""

    def __init__(self, secret: bytes):
        opad, ipad = hmac_pads(secret)
        self._inner, self._outer = hashlib.sha256(ipad), hashlib.sha256(opad)

    def digest(self, value: bytes) -> bytes:
        """The 16 bytes of the keyed hash of `value`."""
        inner = self._inner.copy()
        inner.update(value)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()[:HASH_BYTES]


def keyed_hash(secret: bytes, value: str) -> str:
    """The keyed hash of a NIK/NKK text as 32 hex digits."""
    return KeyedHasher(secret).digest(value.encode("ascii", "ignore")).hex()


def keyed_hash_number(secret: bytes, value: str) -> int:
    """`keyed_hash` as the 128-bit number a voter list stores (raw_daftar.nik_hash, nkk_hash)."""
    return int(keyed_hash(secret, value), 16)
