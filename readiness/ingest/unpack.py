"""A member of an .xlsx (a zip) unpacked in pieces of whole rows or items, never whole in memory.

The sheet of a kabupaten's voter list is ~570 MB of XML packed in ~74 MB: unpacking it is a fifth of
the reading thread's work. A deflated member of a file on disk is inflated with ISA-L (isal:
about 2,4x zlib's speed, same output, the CRC checked as zipfile checks it); anything else (a
stored member, an upload still in memory, an encrypted one) goes through zipfile itself."""

from __future__ import annotations

import os
import struct
import zipfile

from isal import isal_zlib

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_READ = 256 * 1024  # packed bytes read at a time


def chunks(archive: zipfile.ZipFile, member: str, size: int):
    """The unpacked bytes of `member`, at most `size` bytes at a time; zipfile.BadZipFile when the
    member is damaged or cut short."""
    info = archive.getinfo(member)
    on_disk = bool(archive.filename) and os.path.isfile(archive.filename)
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1 or not on_disk:
        with archive.open(member) as stream:
            while chunk := stream.read(size):
                yield chunk
        return
    with open(archive.filename, "rb") as packed:
        if info.header_offset < 0:  # a directory written for a longer file
            raise zipfile.BadZipFile(f"{member}: bad local header")
        packed.seek(info.header_offset)
        header = packed.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
            raise zipfile.BadZipFile(f"{member}: bad local header")
        _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        packed.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        inflate = isal_zlib.decompressobj(-15)  # a raw deflate stream, as zip stores it
        left, crc, length = info.compress_size, 0, 0
        ready, have = [], 0  # unpacked bytes not yet given: `size` at a time, as zipfile's read(size)
        try:
            while left:
                data = packed.read(min(left, _READ))
                if not data:
                    raise zipfile.BadZipFile(f"{member}: cut short")
                left -= len(data)
                while True:  # until the data is taken and no output is held back (ISA-L holds some)
                    want = size - have
                    out = inflate.decompress(data, want)
                    data = inflate.unconsumed_tail
                    crc, length, have = isal_zlib.crc32(out, crc), length + len(out), have + len(out)
                    if length > info.file_size:  # more than the directory says: never given (a bomb's lie)
                        raise zipfile.BadZipFile(f"{member}: longer than its size")
                    ready.append(out)
                    if have == size:
                        yield b"".join(ready)
                        ready, have = [], 0
                    if not data and len(out) < want:
                        break
        except isal_zlib.error as exc:
            raise zipfile.BadZipFile(f"{member}: {exc}") from None
        if not inflate.eof or length != info.file_size or crc != info.CRC:
            raise zipfile.BadZipFile(f"{member}: bad CRC-32 or size")
        if have:
            yield b"".join(ready)


def pieces(archive: zipfile.ZipFile, member: str, size: int, cut_before):
    """The XML of `member` unpacked in pieces of about `size` bytes, each cut before the last
    `cut_before` (bytes) in it, or where `cut_before(buffer)` (a function) says."""
    find = cut_before if callable(cut_before) else (lambda buffer: buffer.rfind(cut_before))
    carry = b""
    for chunk in chunks(archive, member, size):
        buffer = carry + chunk
        cut = find(buffer)
        if cut <= 0:
            carry = buffer
            continue
        yield buffer[:cut]
        carry = buffer[cut:]
    if carry:
        yield carry
