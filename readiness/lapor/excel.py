"""Paper reports typed into the template (readiness.ingest.templates kind `lapor`) and uploaded as Excel or
CSV: read with the ingest machinery into Laporan rows, or into messages naming file, sheet, row and
column (then nothing is stored; writer.Layanan.unggah stores a clean file in one transaction)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb

from .laporan import JENIS, KEJADIAN, TAHAP_HADIR, HasilKirim, Laporan, kategori


@dataclass
class BerkasLapor:
    """A parsed Excel file of reports: rows as Laporan with their Excel row, or errors naming file,
    sheet, row and column (then nothing is stored)."""

    file_name: str
    sha256: str
    laporan: list[tuple[str, Laporan]] = field(default_factory=list)  # (where: "sheet 'X', baris N", report)
    masalah: list[str] = field(default_factory=list)
    hasil: list[HasilKirim] | None = None
    sama_dengan: tuple | None = None

    @property
    def galat(self) -> list[str]:
        return self.masalah

    def tambah(self, tempat: str | None, pesan: str) -> None:
        self.masalah.append(f"{self.file_name}, {tempat}: {pesan}" if tempat else f"{self.file_name}: {pesan}")


_TAHAP_TEKS = {re.sub(r"[^a-z]", "", v.lower()): k for k, v in JENIS.items()}
_TAHAP_TEKS.update({re.sub(r"[^a-z]", "", k): k for k in JENIS})
_TAHAP_TEKS.update(
    {
        "logistik": "logistik_tiba",
        "dibuka": "tps_dibuka",
        "pembukaan": "tps_dibuka",
        "pemungutan": "pemungutan_selesai",
        "penghitungan": "penghitungan_selesai",
        "perhitungan": "penghitungan_selesai",
        "perhitunganselesai": "penghitungan_selesai",
        "insiden": KEJADIAN,
    }
)
_JAM = re.compile(r"^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$")


def _tahap_dari(teks_sel) -> str | None:
    return _TAHAP_TEKS.get(re.sub(r"[^a-z]", "", str(teks_sel).lower()))


def _kategori_dari(teks_sel) -> str | None:
    want = re.sub(r"[^a-z]", "", str(teks_sel).lower())
    for kode, label in kategori().items():
        if want in (re.sub(r"[^a-z]", "", kode.lower()), re.sub(r"[^a-z]", "", label.lower())):
            return kode
    return None


def _waktu_dari(value, hari: dt.date) -> dt.datetime | None:
    from ..ingest.cells import ParseError, parse_date

    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.time):
        return dt.datetime.combine(hari, value)
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time of day without a date
        seconds = round(value * 86400)
        return dt.datetime.combine(hari, dt.time(seconds // 3600, seconds // 60 % 60))
    text = str(value).strip()
    parts = text.replace("T", " ").split()
    jam = _JAM.match(parts[-1]) if parts else None
    if jam is None:
        return None
    hh, mm = int(jam.group(1)), int(jam.group(2))
    if hh > 23 or mm > 59:
        return None
    tanggal = hari
    if len(parts) > 1:
        try:
            tanggal = parse_date(" ".join(parts[:-1]))
        except ParseError:
            return None
        if tanggal is None:
            return None
    return dt.datetime.combine(tanggal, dt.time(hh, mm))


REQUIRED_FIELDS = {"kecamatan", "desa", "no_tps", "tahap", "waktu"}


def baca_excel(data: bytes, file_name: str, con_main: duckdb.DuckDBPyConnection, election: str) -> BerkasLapor:
    """Parse an Excel/CSV of paper reports (template: readiness.ingest.templates kind `lapor`) with the
    ingest machinery: header detection and synonyms (header_synonyms.csv, kind lapor), merged
    kecamatan cells, totals and example rows skipped, names matched to Kemendagri codes.
    Never raises for bad input."""
    from .. import ingest
    from ..ingest.workbook import Book, UnreadableFile

    berkas = BerkasLapor(file_name, ingest.file_sha256(data))
    hari = con_main.execute("select tanggal from elections where election_id = $e", {"e": election}).fetchone()
    hari = hari[0] if hari else dt.date.today()
    try:
        book = Book(data, file_name)
        sheets = [book.sheet(n) for n in book.sheet_names]
    except UnreadableFile as exc:
        berkas.tambah(None, str(exc))
        return berkas
    found = (ingest.find_layout(sheet, ("lapor",), required=REQUIRED_FIELDS) for sheet in sheets if not sheet.hidden)
    layouts = [lay for lay in found if lay is not None]
    if not layouts:
        berkas.tambah(
            None,
            "tidak ditemukan kolom laporan: KECAMATAN, DESA/KELURAHAN, NOMOR TPS, TAHAP dan "
            "WAKTU; gunakan templat laporan TPS",
        )
        return berkas
    gaz = ingest.load_gazetteer(con_main)
    result = ingest.FileResult(file_name=file_name, sha256=berkas.sha256)
    seen: dict[tuple, str] = {}
    for nomor_sheet, lay in enumerate(layouts, start=1):
        rows, _totals = ingest.read_rows(lay, result, gaz)
        for raw in rows:
            lap = _baca_baris(
                raw,
                ingest.RowReader(result, "lapor"),
                gaz,
                hari,
                election,
                kirim_id=f"xlsx:{berkas.sha256[:24]}:{nomor_sheet}:{raw.row}",
            )
            if lap is None:
                continue
            where = f"sheet '{raw.sheet}', baris {raw.row}"
            key = (lap.kode_desa, lap.no_tps, lap.tahap, lap.waktu)
            if lap.tahap == KEJADIAN:
                key += (lap.uraian,)
            if key in seen:
                result.add("galat", f"laporan yang sama sudah ada di {seen[key]}", raw.sheet, raw.row)
                continue
            seen[key] = where
            berkas.laporan.append((where, lap))
    berkas.masalah += [p.text() for p in result.errors]
    if not berkas.masalah and not berkas.laporan:
        berkas.tambah(None, "tidak ada baris laporan di bawah judul kolom")
    # Committed in the order things happened (file order on a tie): of two rows for the same TPS and
    # stage the later one is the correction and counts.
    berkas.laporan.sort(key=lambda item: item[1].waktu)
    return berkas


def _baca_baris(raw, reader, gaz, hari: dt.date, election: str, kirim_id: str) -> Laporan | None:
    """One row of a paper-report sheet as a report, or None with its problems recorded by `reader`."""
    from .. import ingest
    from ..ingest.cells import ParseError, is_blank, parse_count

    kode_kec = ingest.match_kecamatan(reader, raw, gaz)
    kode_desa = ingest.match_desa(reader, raw, gaz, kode_kec, required=True) if kode_kec else None
    no_tps = ingest.tps_number(reader.value(raw, "no_tps"))
    if no_tps is None:
        reader.error(raw, "no_tps", "nomor TPS kosong")
    tahap_sel = raw.cells.get("tahap")
    tahap = None if is_blank(tahap_sel) else _tahap_dari(tahap_sel)
    if tahap is None:
        reader.error(
            raw,
            "tahap",
            f"tahap '{'' if is_blank(tahap_sel) else tahap_sel}' tidak dikenal; isi "
            "salah satu: " + ", ".join(JENIS.values()),
        )
    waktu_sel = raw.cells.get("waktu")
    waktu = None if is_blank(waktu_sel) else _waktu_dari(waktu_sel, hari)
    if waktu is None:
        reader.error(
            raw,
            "waktu",
            f"waktu '{'' if is_blank(waktu_sel) else waktu_sel}' tidak terbaca; tulis "
            "jam seperti 07.30 atau tanggal dan jam 27-11-2024 07.30",
        )
    hadir = {}
    for fld in ("hadir_l", "hadir_p"):
        try:
            hadir[fld] = parse_count(raw.cells.get(fld))
        except ParseError as exc:
            reader.error(raw, fld, str(exc))
            hadir[fld] = None
    kat_sel = raw.cells.get("kategori")
    kat = None if is_blank(kat_sel) else _kategori_dari(kat_sel)
    if not is_blank(kat_sel) and kat is None:
        reader.error(
            raw, "kategori", f"kategori '{kat_sel}' tidak dikenal; isi salah satu: " + ", ".join(kategori().values())
        )
    uraian = reader.value(raw, "uraian")
    if tahap in TAHAP_HADIR and (hadir["hadir_l"] is None or hadir["hadir_p"] is None) and reader.ok:
        reader.error(raw, "hadir_l", "tahap ini wajib mengisi pengguna hak pilih L dan P")
    if not reader.ok:
        return None
    if tahap not in TAHAP_HADIR:
        hadir = {"hadir_l": None, "hadir_p": None}
    return Laporan(
        election,
        kode_desa,
        no_tps,
        tahap,
        waktu,
        hadir["hadir_l"],
        hadir["hadir_p"],
        kat,
        uraian or None,
        kirim_id=kirim_id,
    )
