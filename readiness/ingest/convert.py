"""One data row of each kind into the values stored for it: names matched to Kemendagri codes,
L + P checked against L+P, recorded against needed, a problem sheet's words read; every problem
named by row and column."""

from __future__ import annotations

import datetime as dt
import re

from .. import fmt, teks
from ..names import Gazetteer
from .cells import is_blank
from .rows import RawRow, RowReader

KABUPATEN_RE = re.compile(r"^(KABUPATEN|KAB)\b", re.IGNORECASE)
SELURUH_WILAYAH = ("kabupaten", "kota", "provinsi")  # the word alone names the whole region's row


def seluruh_wilayah(name, gaz: Gazetteer) -> bool:
    """Whether a target file's kecamatan cell names the whole region: `KABUPATEN …`, `KAB. …`,
    `KOTA` or `PROVINSI` alone, or the region's own name (`Kota Probolinggo`, `KOTA PROBOLINGGO`).
    A kecamatan of the region is never taken for it (some are called `Kota …`)."""
    text = " ".join(str(name).split()).lower()
    if KABUPATEN_RE.match(text) or text.rstrip(".") in SELURUH_WILAYAH:
        return True
    return bool(gaz.wilayah_nama) and text == gaz.wilayah_nama.lower() and gaz.match_kecamatan(text) is None


def match_kecamatan(reader: RowReader, raw: RawRow, gaz: Gazetteer) -> str | None:
    """The Kemendagri code of the row's kecamatan, or None with the problem recorded."""
    name = raw.cells.get("kecamatan")
    if is_blank(name):
        reader.error(raw, "kecamatan", "nama kecamatan kosong")
        return None
    kode = gaz.match_kecamatan(str(name), raw.kode_kabkota)
    if kode is None:
        reader.error(raw, "kecamatan", gaz.unknown_kecamatan(str(name), raw.kode_kabkota))
    return kode


def match_desa(reader: RowReader, raw: RawRow, gaz: Gazetteer, kode_kec: str, required: bool) -> str | None:
    """The code of the row's desa/kelurahan within `kode_kec`, or None: a blank name is a problem
    only when `required`, an unknown one always."""
    name = raw.cells.get("desa")
    if is_blank(name):
        if required:
            reader.error(raw, "desa", "nama desa/kelurahan kosong")
        return None
    kode = gaz.match_desa(kode_kec, str(name))
    if kode is None:
        reader.error(raw, "desa", gaz.unknown_desa(kode_kec, str(name)))
    return kode


def _dpt_triplet(reader: RowReader, raw: RawRow) -> tuple | None:
    dpt_l, dpt_p, dpt = (reader.value(raw, f) for f in ("dpt_l", "dpt_p", "dpt"))
    if dpt_l is not None and dpt_p is not None:
        if dpt is not None and dpt != dpt_l + dpt_p:
            reader.error(raw, "dpt", f"L + P = {fmt.angka(dpt_l + dpt_p)} tetapi L+P tertulis {fmt.angka(dpt)}")
            return None
        dpt = dpt_l + dpt_p
    elif dpt is None:
        if all(is_blank(raw.cells.get(f)) for f in ("dpt_l", "dpt_p", "dpt")):
            reader.error(raw, "dpt", "jumlah pemilih (DPT) kosong")
        return None
    return dpt_l, dpt_p, dpt


def _convert_pemilih_kabkota(reader, raw, gaz):
    """A row of one whole kab/kota (KPU's national recap): its code from the Kabupaten/Kota column
    (readiness/wilayah/kolom_kabkota.py), or the installation's own in a kab/kota installation."""
    kode = raw.kode_kabkota or (gaz.wilayah_kode if not gaz.kabkota else None)
    if kode is None:
        reader.error(raw, "kabkota", "nama kabupaten/kota kosong")
    triplet = _dpt_triplet(reader, raw)
    rec = {f: reader.value(raw, f) for f in ("tps", "pemilih_pemula", "disabilitas")}
    if kode is None or triplet is None:
        return None
    rec.update(kode_kecamatan=None, kode_desa=None, kode_kabkota=kode, dpt_l=triplet[0], dpt_p=triplet[1])
    rec["dpt"] = triplet[2]
    return rec


def _convert_pemilih(reader, raw, gaz, ctx):
    if "kecamatan" not in raw.cells:
        return _convert_pemilih_kabkota(reader, raw, gaz)
    kode_kec = match_kecamatan(reader, raw, gaz)
    triplet = _dpt_triplet(reader, raw)
    rec = {f: reader.value(raw, f) for f in ("tps", "pemilih_pemula", "disabilitas")}
    if kode_kec is None or triplet is None:
        return None
    kode_desa = match_desa(reader, raw, gaz, kode_kec, required=False)
    if "desa" in raw.cells and not is_blank(raw.cells["desa"]) and kode_desa is None:
        return None
    rec.update(kode_kecamatan=kode_kec, kode_desa=kode_desa, dpt_l=triplet[0], dpt_p=triplet[1], dpt=triplet[2])
    return rec


def _convert_tps(reader, raw, gaz, ctx):
    kode_kec = match_kecamatan(reader, raw, gaz)
    triplet = _dpt_triplet(reader, raw)
    no_tps = tps_number(reader.value(raw, "no_tps"))
    if no_tps is None:
        reader.error(raw, "no_tps", "nomor TPS kosong")
    rec = {f: reader.value(raw, f) for f in ("alamat", "lat", "lon", "status_logistik", "kategori_rawan")}
    if kode_kec is None or triplet is None or no_tps is None:
        return None
    kode_desa = match_desa(reader, raw, gaz, kode_kec, required=True)
    if kode_desa is None:
        return None
    if triplet[2] > ctx["kapasitas_tps"]:
        reader.error(
            raw,
            "dpt",
            f"TPS {no_tps} Desa {gaz.desa[kode_desa].nama} (Kecamatan "
            f"{gaz.kecamatan[kode_kec].nama}) berisi {fmt.angka(triplet[2])} pemilih, melebihi "
            f"kapasitas {fmt.angka(ctx['kapasitas_tps'])} per TPS",
            level="peringatan",
        )
    rec.update(
        kode_kecamatan=kode_kec, kode_desa=kode_desa, no_tps=no_tps, dpt_l=triplet[0], dpt_p=triplet[1], dpt=triplet[2]
    )
    return rec


def tps_number(value) -> str | None:
    """`TPS 003`, `No. 3`, `3` and 3.0 are TPS "3"; what is not a number is kept as written."""
    if value is None:
        return None
    text = str(value).strip().upper()
    text = re.sub(r"^(TPS|NO\.?)\s*", "", text)
    return str(int(text)) if text.isdigit() else text or None


def _convert_ktpel(reader, raw, gaz, ctx):
    kode_kec = match_kecamatan(reader, raw, gaz)
    wajib, sudah, belum = (reader.value(raw, f) for f in ("wajib_ktpel", "sudah_rekam", "belum_rekam"))
    persen = reader.value(raw, "persen_rekam")
    tanggal = reader.value(raw, "tanggal") or ctx["tanggal_data"]
    if wajib is None:
        reader.error(raw, "wajib_ktpel", "jumlah wajib KTP-el kosong")
    if sudah is None:
        reader.error(raw, "sudah_rekam", "jumlah sudah rekam kosong")
    if wajib is not None and sudah is not None:
        if sudah > wajib:
            reader.error(
                raw, "sudah_rekam", f"sudah rekam {fmt.angka(sudah)} lebih besar dari wajib KTP-el {fmt.angka(wajib)}"
            )
        elif belum is not None and wajib - sudah != belum:
            reader.error(
                raw,
                "belum_rekam",
                f"belum rekam tertulis {fmt.angka(belum)}, seharusnya wajib − sudah rekam = {fmt.angka(wajib - sudah)}",
                level="peringatan",
            )
        elif persen is not None and wajib and abs(100 * sudah / wajib - persen) > 0.05:
            reader.error(
                raw,
                "persen_rekam",
                f"persen tertulis {fmt.persen(persen)}, dihitung {fmt.persen(100 * sudah / wajib)}",
                level="peringatan",
            )
    if kode_kec is None or not reader.ok:
        return None
    kode_desa = match_desa(reader, raw, gaz, kode_kec, required=False)
    if not is_blank(raw.cells.get("desa")) and kode_desa is None:
        return None
    return dict(
        kode_kecamatan=kode_kec,
        kode_desa=kode_desa,
        wajib_ktpel=wajib,
        sudah_rekam=sudah,
        belum_rekam=wajib - sudah,
        tanggal=tanggal,
    )


def _convert_target(reader, raw, gaz, ctx):
    name = raw.cells.get("kecamatan")
    kode_kec = None
    if not is_blank(name) and not seluruh_wilayah(name, gaz):
        kode_kec = match_kecamatan(reader, raw, gaz)
        if kode_kec is None:
            return None
    rec = {f: reader.value(raw, f) for f in ("target_partisipasi", "partisipasi_sebelumnya", "pengguna_hak_pilih")}
    if rec["target_partisipasi"] is None and reader.ok:
        reader.error(raw, "target_partisipasi", "target partisipasi kosong")
    if not reader.ok:
        return None
    rec["kode_kecamatan"] = kode_kec
    return rec


def _convert_masalah(reader, raw, gaz, ctx):
    """A row of a problem sheet (readiness/masalah/gabung.py says how it is merged when committed)."""
    from .. import masalah

    kode_kec = match_kecamatan(reader, raw, gaz)
    rec = {
        f: reader.value(raw, f)
        for f in ("kategori", "uraian", "pelapor", "tanggal", "tingkat", "status", "tindak_lanjut", "nomor", "no_tps")
    }
    kategori = masalah.baca_kategori(rec["kategori"]) if rec["kategori"] else None
    if not rec["kategori"]:
        reader.error(raw, "kategori", "kategori kosong")
    elif kategori is None:
        reader.error(
            raw,
            "kategori",
            f"kategori '{rec['kategori']}' tidak dikenal; pilih salah satu: " + ", ".join(masalah.KATEGORI.values()),
        )
    if not rec["uraian"]:
        reader.error(raw, "uraian", "uraian masalah kosong")
    elif len(rec["uraian"]) > masalah.URAIAN_MAKS:
        reader.error(
            raw,
            "uraian",
            f"uraian terlalu panjang ({fmt.angka(len(rec['uraian']))} karakter; paling "
            f"banyak {fmt.angka(masalah.URAIAN_MAKS)})",
        )
    if rec["tanggal"] is None and is_blank(raw.cells.get("tanggal")):
        reader.error(raw, "tanggal", "tanggal kosong")
    elif rec["tanggal"] is not None and rec["tanggal"] > dt.date.today():
        reader.error(raw, "tanggal", f"tanggal {fmt.tanggal(rec['tanggal'])} belum terjadi")
    found = {}
    for fld, read, labels in (
        ("tingkat", masalah.baca_tingkat, masalah.TINGKAT),
        ("status", masalah.baca_status, masalah.STATUS),
    ):
        found[fld] = read(rec[fld]) if rec[fld] else None
        if rec[fld] and found[fld] is None:
            reader.error(raw, fld, f"{fld} '{rec[fld]}' tidak dikenal; pilih salah satu: " + ", ".join(labels.values()))
    nomor = None
    if rec["nomor"]:
        digits = re.sub(r"^(M|#|NO\.?)\s*-?\s*", "", str(rec["nomor"]).strip().upper())
        if digits.isdigit():
            nomor = int(digits)
        else:
            reader.error(raw, "nomor", f"nomor masalah '{rec['nomor']}' bukan angka (kosongkan untuk masalah baru)")
    no_tps = masalah.nomor_tps(rec["no_tps"])
    if no_tps is not None and not (no_tps.isdigit() and 1 <= int(no_tps) <= 999):
        reader.error(raw, "no_tps", f"nomor TPS '{rec['no_tps']}' harus angka 1–999")
    for fld in ("pelapor", "tindak_lanjut"):
        limit = masalah.TEKS_MAKS if fld == "pelapor" else masalah.URAIAN_MAKS
        if rec[fld] and len(rec[fld]) > limit:
            reader.error(
                raw, fld, f"{teks.KOLOM.get(fld, fld).lower()} terlalu panjang (paling banyak {limit} karakter)"
            )
    if kode_kec is None or not reader.ok:
        return None
    kode_desa = match_desa(reader, raw, gaz, kode_kec, required=False)
    if not is_blank(raw.cells.get("desa")) and kode_desa is None:
        return None
    if no_tps is not None and kode_desa is None:
        reader.error(raw, "no_tps", "nomor TPS diisi tetapi desa/kelurahan kosong")
        return None
    return dict(
        kode_kecamatan=kode_kec,
        kode_desa=kode_desa,
        no_tps=no_tps,
        nomor=nomor,
        kategori=kategori,
        uraian=rec["uraian"],
        pelapor=rec["pelapor"],
        tanggal=rec["tanggal"],
        tingkat=found["tingkat"],
        status=found["status"],
        tindak_lanjut=rec["tindak_lanjut"],
        kunci=masalah.kunci(kode_kec, kategori, rec["uraian"], rec["tanggal"]),
    )


# One row of each kind read into table rows (readiness/ingest/kinds.py: COLUMNS); a per-voter list
# is read by readiness/voterlist/ instead.
CONVERTERS = {
    "pemilih": _convert_pemilih,
    "tps": _convert_tps,
    "ktpel": _convert_ktpel,
    "target": _convert_target,
    "masalah": _convert_masalah,
}
