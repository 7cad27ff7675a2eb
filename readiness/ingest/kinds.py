"""What each kind of upload is: its fields and their types, the fields it needs, the columns it
becomes, the rows it must not repeat. Plain data; imports nothing."""

KINDS = ("pemilih", "daftar", "tps", "ktpel", "target", "masalah")
# Kinds read with the same header machinery whose rows go elsewhere than raw_* (lapor: paper
# reports from TPS on election day, committed by readiness/lapor/ into its own database).
OTHER_KINDS = ("lapor",)
MAX_MESSAGES = 50  # per level and file; the rest are counted (FileResult.hidden_problems)
HEADER_SEARCH_ROWS = 30

# Field types decide how a cell is read.
TYPES = {
    "count": (
        "tps",
        "dpt",
        "dpt_l",
        "dpt_p",
        "pemilih_pemula",
        "disabilitas",
        "wajib_ktpel",
        "sudah_rekam",
        "belum_rekam",
        "pengguna_hak_pilih",
    ),
    "percent": ("persen_rekam", "target_partisipasi", "partisipasi_sebelumnya"),
    "date": ("tanggal", "tgl_lahir"),
    "number": ("lat", "lon"),
}
FIELD_TYPE = {f: t for t, fields in TYPES.items() for f in fields}

# Each kind needs one of these sets of fields.
REQUIRED = {
    # a recap per desa or kecamatan, or one row per kab/kota (KPU's national recap)
    "pemilih": [
        {"kecamatan", "dpt"},
        {"kecamatan", "dpt_l", "dpt_p"},
        {"kabkota", "dpt"},
        {"kabkota", "dpt_l", "dpt_p"},
    ],
    "daftar": [{"kecamatan", "desa", "tps", "jk"}],
    "tps": [{"kecamatan", "desa", "no_tps", "dpt"}, {"kecamatan", "desa", "no_tps", "dpt_l", "dpt_p"}],
    "ktpel": [{"kecamatan", "wajib_ktpel", "sudah_rekam"}],
    "target": [{"target_partisipasi"}],
    "masalah": [{"kecamatan", "kategori", "uraian", "tanggal"}],
}
# Count fields compared against a file's own totals rows.
RECONCILED = {
    "pemilih": ("tps", "dpt_l", "dpt_p", "dpt", "pemilih_pemula", "disabilitas"),
    "tps": ("dpt_l", "dpt_p", "dpt"),
    "ktpel": ("wajib_ktpel", "sudah_rekam", "belum_rekam"),
    "target": (),
    "daftar": (),
    "masalah": (),
}

# The columns of each kind's parsed rows after source_sheet and source_row (raw_<kind> in schema.sql).
COLUMNS = {
    # kode_kabkota only on a row of one whole kab/kota (kode_kecamatan then empty)
    "pemilih": [
        "kode_kecamatan",
        "kode_desa",
        "tps",
        "dpt_l",
        "dpt_p",
        "dpt",
        "pemilih_pemula",
        "disabilitas",
        "kode_kabkota",
    ],
    "tps": [
        "kode_kecamatan",
        "kode_desa",
        "no_tps",
        "dpt_l",
        "dpt_p",
        "dpt",
        "alamat",
        "lat",
        "lon",
        "status_logistik",
        "kategori_rawan",
    ],
    "ktpel": ["kode_kecamatan", "kode_desa", "wajib_ktpel", "sudah_rekam", "belum_rekam", "tanggal"],
    "target": ["kode_kecamatan", "target_partisipasi", "partisipasi_sebelumnya", "pengguna_hak_pilih"],
    "masalah": [
        "kode_kecamatan",
        "kode_desa",
        "no_tps",
        "nomor",
        "kategori",
        "uraian",
        "pelapor",
        "tanggal",
        "tingkat",
        "status",
        "tindak_lanjut",
        "kunci",
    ],
}
# How a parsed frame's columns are stored, where not as they are: a voter list's keyed hashes
# travel as their 16 bytes (Arrow has no 128-bit unsigned number) and are stored as one.
STORED_AS = {"daftar": "* replace (nik_hash::bit::uhugeint as nik_hash, nkk_hash::bit::uhugeint as nkk_hash)"}
# Rows that must not appear twice in one upload (they would be counted twice).
UNIQUE = {
    "pemilih": ("kode_kabkota", "kode_kecamatan", "kode_desa"),
    "tps": ("kode_desa", "no_tps"),
    "ktpel": ("kode_kecamatan", "kode_desa", "tanggal"),
    "target": ("kode_kecamatan",),
    "masalah": ("kunci",),
}
