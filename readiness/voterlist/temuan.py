"""The finding types of the voter-list audit (their Indonesian names, rules, explanations and
follow-up) and the findings of one parsed per-voter file before it is committed (the upload's
warnings). Apart from readiness.audit, which needs pandas: an ingest must not load pandas before the
sheet is read (~35 MiB more at the reader's peak; DuckDB loads it afterwards, at the first table
it is handed)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from .. import db
from . import staged


@dataclass(frozen=True)
class Jenis:
    kode: str  # the `temuan` code of the command line
    nama: str  # short Indonesian name (tables, charts)
    singkat: str  # the rule in a few words
    penjelasan: str  # what it means and why it matters
    tindak_lanjut: str  # what to ask KPU (PPK/PPS) or Dispendukcapil to do


_JENIS = [
    Jenis(
        "nik_format",
        "NIK tidak valid",
        "bukan 16 angka, kosong, atau rusak menjadi angka oleh Excel",
        "NIK harus 16 angka yang disimpan sebagai teks. NIK yang diketik sebagai angka di Excel (tampil "
        "3,51324E+15) kehilangan angka terakhirnya, sehingga tidak bisa dicocokkan dengan data kependudukan.",
        "Cocokkan NIK dengan KTP-el/KK pemilih, perbaiki di data KPU.",
    ),
    Jenis(
        "nik_wilayah",
        "Kode wilayah NIK berbeda",
        "6 angka pertama NIK bukan kode kabupaten/kecamatan ini",
        "Angka ke-1 s.d. ke-6 NIK adalah kode provinsi, kabupaten dan kecamatan tempat NIK diterbitkan. "
        "Berbeda bisa karena pemilih pindah domisili (sah) atau NIK salah ketik.",
        "Pastikan pemilih memang berdomisili di sini dan tidak terdaftar juga di daerah asal; bila salah ketik, perbaiki NIK.",
    ),
    Jenis(
        "nik_tanggal",
        "Tanggal di NIK tidak cocok",
        "tanggal di NIK mustahil atau berbeda dengan tanggal lahir/jenis kelamin",
        "Angka ke-7 s.d. ke-12 NIK adalah tanggal lahir (HHBBTT); untuk perempuan tanggalnya ditambah 40. "
        "Tanggal yang mustahil atau tidak sama dengan kolom tanggal lahir berarti NIK atau tanggal lahir salah.",
        "Cocokkan NIK dan tanggal lahir dengan KTP-el/KK, perbaiki yang salah.",
    ),
    Jenis(
        "nik_ganda",
        "NIK ganda",
        "NIK yang sama sudah ada di baris sebelumnya; yang pertama tidak dihitung",
        "NIK yang sama muncul lebih dari sekali di daftar pemilih yang aktif (dalam satu berkas, antarkecamatan "
        "atau antarberkas). Yang dihitung adalah salinannya: baris pertama (unggahan paling awal, lalu sheet, lalu "
        "baris) dianggap asli.",
        "Pastikan satu orang hanya terdaftar sekali; coret salinannya (TMS ganda).",
    ),
    Jenis(
        "usia_belum_17",
        "Belum 17 tahun",
        "belum 17 tahun pada hari pemungutan suara dan belum pernah kawin",
        "Yang berhak memilih adalah yang sudah 17 tahun pada hari pemungutan suara (ulang tahun ke-17 tepat pada "
        "hari itu sudah memenuhi syarat) atau sudah/pernah kawin (status S atau P).",
        "Coret bila benar belum memenuhi syarat (TMS); bila sudah/pernah kawin, perbaiki status kawinnya.",
    ),
    Jenis(
        "usia_tidak_wajar",
        "Umur tidak wajar",
        "lahir sesudah hari pemungutan suara atau berumur lebih dari 110 tahun",
        "Tanggal lahir sesudah hari pemungutan suara, atau umur lebih dari 110 tahun pada hari itu, hampir pasti "
        "salah ketik atau pemilih yang sudah meninggal.",
        "Periksa tanggal lahir; bila pemilih sudah meninggal, coret (TMS meninggal).",
    ),
    Jenis(
        "desa_tidak_cocok",
        "Desa tidak cocok",
        "desa/kelurahan tidak ada di kecamatan yang tertulis",
        "Nama desa/kelurahan tidak dikenal di kecamatan yang tertulis pada baris itu (salah kecamatan, salah "
        "ketik, atau kosong). Pemilihnya tetap dihitung di kecamatan yang tertulis.",
        "Perbaiki nama desa/kelurahan atau kecamatan pemilih.",
    ),
    Jenis(
        "ktpel_belum_rekam",
        "Belum rekam KTP-el",
        "status KTP-el B, belum rekam",
        "Pemilih yang belum merekam KTP-el. Perlu didata untuk perekaman oleh Dispendukcapil sebelum hari "
        "pemungutan suara.",
        "Teruskan ke Dispendukcapil untuk jemput bola perekaman KTP-el.",
    ),
    Jenis(
        "tps_melebihi_kapasitas",
        "TPS melebihi kapasitas",
        "pemilih di TPS yang jumlahnya melebihi kapasitas pemilihan",
        "Semua pemilih di TPS yang jumlah pemilihnya (di daftar pemilih per orang) melebihi kapasitas per TPS "
        "pemilihan ini (mis. 600 pemilih untuk Pilkada 2024) dihitung, agar terlihat berapa pemilih terdampak.",
        "Bahas pemecahan TPS dengan PPK/KPU.",
    ),
]
JENIS: dict[str, Jenis] = {j.kode: j for j in _JENIS}
KODE = list(JENIS)


def file_findings(frame, gaz, file_name: str, tanggal_pemilihan, kapasitas_tps: int):
    """The findings of one parsed per-voter file on its own (before it is committed), with the same
    definitions as the audit: ({temuan: jumlah} of the types found, in the audit's order,
    [(sheet, first row, note, voters)] per desa name not in its kecamatan). `frame` is the staged
    rows (staged.Staged) or an Arrow table."""
    if isinstance(frame, pa.Table):
        con = duckdb.connect()
        con.register("raw", frame)
    else:
        con = duckdb.connect(config=staged.config(frame.folder))
        frame.attach(con)
        con.execute("create temp view raw as select * from staged.frame")
    try:
        # The file as the one per-voter list of one day ('berkas') and one contest of every kecamatan.
        con.execute("create view stg_daftar_hari as select 'berkas' as hari, 0 as upload_id, * from raw")
        con.execute("create table uploads as select 0 as upload_id, 0 as activation, $f as file_name", {"f": file_name})
        con.execute(
            "create table stg_hari as select 'berkas' as election_id, 'berkas' as hari, $t::date as tanggal, "
            "$k::integer as kapasitas_tps",
            {"t": tanggal_pemilihan, "k": kapasitas_tps},
        )
        con.register(
            "ref_kecamatan",
            pa.table({"kode_kecamatan": list(gaz.kecamatan), "kecamatan": [p.nama for p in gaz.kecamatan.values()]}),
        )
        con.execute(
            "create view stg_kontes_kecamatan as select 'berkas' as election_id, 'berkas' as hari, kode_kecamatan "
            "from ref_kecamatan"
        )
        view = (db.QUERY_DIR / "intermediate" / "daftar_temuan.sql").read_text(encoding="utf-8")
        con.execute(f"create view int_daftar_temuan as {view}")
        for name in ("temuan_daftar", "temuan_ringkasan"):
            con.execute(f"create view {name} as {db.load_query('tersimpan/' + name).sql}")
        counts: dict[str, int] = {}
        # the audit's own summary (what `python -m readiness audit` prints), for this file alone
        for _kode_kecamatan, _kecamatan, temuan, jumlah in con.execute(
            db.load_query("marts/audit_ringkasan").sql, {"election": "berkas"}
        ).fetchall():
            counts[temuan] = counts.get(temuan, 0) + int(jumlah)
        ordered = {k: counts[k] for k in KODE if k in counts}
        desa = con.execute("""
            select source_sheet, min(source_row), desa_catatan, count(*)
            from raw where kode_desa is null
            group by source_sheet, desa_catatan
            order by 1, 2
        """).fetchall()
    finally:
        con.close()
    return ordered, desa
