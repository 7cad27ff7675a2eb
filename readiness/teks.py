"""Every word a user sees that is not data, in one place (Bahasa Indonesia)."""

APP_NAMA = "Dasbor Kesiapan Pilkada"
DISCLAIMER = "Data pemantauan internal — bukan hasil resmi KPU"
# The report levels of the command line (`report --level`), in readiness.model.LEVELS.
TINGKAT = ("kecamatan", "korwil", "kabupaten", "desa")
# Every level `report --level` takes; which of them an installation has: model/laporan_wilayah.py.
TINGKAT_LAPORAN = ("wilayah", "provinsi", "kabkota", "kabupaten", "korwil", "kecamatan", "desa")

JENIS = {
    "pemilih": "Rekap pemilih (DPT per desa/kecamatan)",
    "daftar": "Daftar pemilih per orang (DPT/DPS/DP4)",
    "tps": "Daftar TPS",
    "ktpel": "Perekaman KTP-el",
    "target": "Target partisipasi",
    "masalah": "Inventarisasi permasalahan",
}
JENIS_SINGKAT = {
    "pemilih": "rekap pemilih",
    "daftar": "daftar pemilih",
    "tps": "daftar TPS",
    "ktpel": "KTP-el",
    "target": "target partisipasi",
    "masalah": "permasalahan",
}

# An election's name as its region's users write it (`init`, `election add`), per kind of election;
# {wilayah} is the region's name without its kind ("Bombana", "Probolinggo", "Sulawesi Tenggara").
PEMILIHAN_NAMA = {
    "bupati": "Pemilihan Bupati dan Wakil Bupati {wilayah} {tahun}",
    "walikota": "Pemilihan Wali Kota dan Wakil Wali Kota {wilayah} {tahun}",
    "gubernur": "Pemilihan Gubernur dan Wakil Gubernur {wilayah} {tahun}",
    "serentak": "Pemilihan Serentak Gubernur, Bupati dan Wali Kota {tahun}",
}
# A province whose governor is not elected (Daerah Istimewa Yogyakarta): the elections of its kab/kota.
PEMILIHAN_NAMA_KABKOTA = "Pemilihan Serentak Bupati dan Wali Kota {wilayah} {tahun}"
PEMILIHAN_JENIS = {
    "bupati": "pemilihan bupati",
    "walikota": "pemilihan wali kota",
    "gubernur": "pemilihan gubernur",
    "serentak": "pemilihan serentak",
}
# Under the list of elections, when some share a day (queries/staging/kontes_upload.sql).
PEMILIHAN_SEHARI = (
    "Pemilihan pada hari yang sama memakai satu DPT dan satu set TPS: rekap DPT, daftar pemilih, daftar TPS "
    "dan KTP-el yang diunggah di bawah salah satunya berlaku untuk semuanya (pemilihan bupati/wali kota "
    "hanya untuk kabupaten/kotanya). Target dan partisipasi sebelumnya milik masing-masing pemilihan."
)
# Short names in the election picker, as the press writes them ("Pilbup 2024").
PEMILIHAN_SINGKAT = {"bupati": "Pilbup", "walikota": "Pilwali", "gubernur": "Pilgub", "serentak": "Pilkada"}

# The words of a region by its kind (wilayah.jenis), as readiness/wilayah/kata.py puts them together.
WILAYAH_JENIS = {"kabupaten": "Kabupaten", "kota": "Kota", "provinsi": "Provinsi", "nasional": "Nasional"}
# The region's head; the desk reports to the acting one (Pj) in the months before the election.
KEPALA = {"kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur", "nasional": "Menteri Dalam Negeri"}
PJ = "Pj"
# What a region's slides and pages count under it: a province or the nation its kab/kota.
SATUAN = {"provinsi": "kab/kota", "nasional": "kab/kota"}
# The heads of the kab/kota a province's governor meets at a rakor.
KEPALA_KABKOTA = "bupati dan wali kota"
# The lowest level by the kinds of place the region has (ref_desa.jenis).
DESA = {"desa": "desa", "kelurahan": "kelurahan", "keduanya": "desa/kelurahan"}

STATUS = {"hijau": "Siap", "kuning": "Perlu perhatian", "merah": "Belum siap"}
STATUS_IKON = {"hijau": "●", "kuning": "▲", "merah": "■"}
# Worst first: the order in which a koordinator follows up, in every table that has a status.
PERINGKAT_STATUS = {"merah": 0, "kuning": 1, "hijau": 2}
TIDAK_ADA_DATA = "Tidak ada data"


def status_label(status) -> str:
    """`■ Belum siap`: a status with its icon; a missing status says there is no data."""
    if not isinstance(status, str):
        return TIDAK_ADA_DATA
    return f"{STATUS_IKON[status]} {STATUS[status]}"


# Field names as users know them, for messages and column headers.
KOLOM = {
    "kabkota": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
    "tps": "TPS",
    "no_tps": "Nomor TPS",
    "dpt": "DPT",
    "dpt_l": "DPT Laki-laki",
    "dpt_p": "DPT Perempuan",
    "pemilih_pemula": "Pemilih pemula",
    "disabilitas": "Disabilitas",
    "wajib_ktpel": "Wajib KTP-el",
    "sudah_rekam": "Sudah rekam",
    "belum_rekam": "Belum rekam",
    "persen_rekam": "Persen rekam",
    "tanggal": "Tanggal",
    "target_partisipasi": "Target partisipasi",
    "partisipasi_sebelumnya": "Partisipasi sebelumnya",
    "pengguna_hak_pilih": "Pengguna hak pilih",
    "jk": "Jenis kelamin",
    "nik": "NIK",
    "nkk": "NKK",
    "tgl_lahir": "Tanggal lahir",
    "sts": "Status kawin",
    "dis": "Disabilitas",
    "ktpel": "KTP-el",
    "dpid": "DPID",
    "alamat": "Alamat",
    "lat": "Lintang",
    "lon": "Bujur",
    "status_logistik": "Status logistik",
    "kategori_rawan": "Kategori rawan",
    "kategori": "Kategori",
    "uraian": "Uraian masalah",
    "pelapor": "Pelapor",
    "tingkat": "Tingkat",
    "status": "Status",
    "tindak_lanjut": "Tindak lanjut",
    "nomor": "Nomor masalah",
}

PETA_TANPA_BATAS = (
    "Batas kecamatan wilayah ini belum ada dalam data rujukan, jadi peta belum dapat digambar; "
    "status tiap kecamatan ada di grafik dan tabel di bawah."
)
BELUM_ADA_DATA = (
    "Belum ada data untuk pemilihan ini. Rekap DPT, daftar TPS, data KTP-el dan target partisipasi "
    "diunggah di halaman Unggah Data oleh analis atau admin desk pilkada."
)
# No account exists yet: anyone who opens the dashboard may change data (akses.LOKAL). Said once
# per page, at its top (app/sesi.py).
MODE_LOKAL = (
    "Mode lokal: belum ada akun pengguna, jadi siapa pun yang membuka dasbor ini dapat mengubah data. "
    "Buat akun admin di halaman Pengguna."
)
MODE_LOKAL_SINGKAT = "Mode lokal: belum ada akun pengguna."
# Who did an action recorded in the audit trail, when it was not a user of the app (readiness.jejak).
PELAKU = {
    "cli": "baris perintah (admin server)",
    "lokal": "mode lokal (tanpa akun)",
}


def nama_pelaku(nama):
    """Who did an action, as users read it: a user's name as it is, the command line and local
    mode in words (PELAKU); a missing name stays missing."""
    return PELAKU.get(nama, nama) if isinstance(nama, str) else nama


# Korwil is optional per election (an installation set up by `init` has none): every page and
# slide that groups by korwil says so instead, and links to Pengaturan where the admin sets them.
BELUM_KORWIL = "Belum ada pembagian korwil untuk {pemilihan}."
TANPA_KORWIL = "Tanpa korwil"  # the places in no korwil, where some others are in one
ATUR_KORWIL = "Atur pembagian korwil di Pengaturan"
ATUR_KORWIL_ADMIN = "Admin desk pilkada mengaturnya di halaman Pengaturan."

# KPU codes of disability in voter lists (PKPU 7/2024) and the word users read for each.
DISABILITAS = {
    "dis_fisik": "Fisik",
    "dis_intelektual": "Intelektual",
    "dis_mental": "Mental",
    "dis_wicara": "Sensorik wicara",
    "dis_rungu": "Sensorik rungu",
    "dis_netra": "Sensorik netra",
}

# The words Plotly draws on a chart by itself (its tool bar, its notices), in Plotly's locale form;
# readiness.charts.PLOT_CONFIG hands them to every chart.
PLOTLY = {
    "Autoscale": "Skala otomatis",
    "Box Select": "Pilih kotak",
    "Compare data on hover": "Bandingkan data saat kursor di atasnya",
    "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu data saja",
    "Double-click to zoom back out": "Klik dua kali untuk kembali",
    "Download plot": "Unduh grafik",
    "Download plot as a png": "Unduh grafik sebagai gambar PNG",
    "Download plot as a PNG": "Unduh grafik sebagai gambar PNG",
    "Lasso Select": "Pilih laso",
    "Pan": "Geser",
    "Produced with Plotly": "Dibuat dengan Plotly",
    "Reset": "Kembalikan",
    "Reset axes": "Kembalikan sumbu",
    "Reset view": "Kembalikan tampilan",
    "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
    "Snapshot succeeded": "Gambar tersimpan",
    "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh.",
    "Taking snapshot - this may take a few seconds": "Menyimpan gambar, tunggu sebentar",
    "Toggle Spike Lines": "Garis bantu",
    "Toggle show closest data on hover": "Tampilkan data terdekat",
    "Zoom": "Perbesar bagian",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "trace": "data",
}
# The words Streamlit's own controls show (uploader, table tool bar, choice boxes, input hints):
# Streamlit has no UI language setting, so app/bahasa.py puts these in place in the browser, in
# the text and in aria-label, title and placeholder. Whole texts, then patterns (JavaScript
# regular expressions) for texts that carry a number or a name.
STREAMLIT = {
    "Upload": "Pilih berkas",
    "Upload directories": "Pilih folder",
    "Add files": "Tambah berkas",
    "Drag and drop files here": "Seret dan lepas berkas di sini",
    "Drag and drop a file here": "Seret dan lepas berkas di sini",
    "Drag and drop directories here": "Seret dan lepas folder di sini",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Search": "Cari",
    "Close Search": "Tutup pencarian",
    "Download as CSV": "Unduh CSV",
    "Show/hide columns": "Tampilkan/sembunyikan kolom",
    "Add row": "Tambah baris",
    "Delete": "Hapus",
    "Clear selection": "Batalkan pilihan",
    "Sort ascending": "Urutkan naik",
    "Sort descending": "Urutkan turun",
    "Pin column": "Sematkan kolom",
    "Unpin column": "Lepas sematan kolom",
    "Hide column": "Sembunyikan kolom",
    "Autosize": "Lebar otomatis",
    "Format": "Format angka",
    "Copy column name": "Salin nama kolom",
    "Choose an option": "Pilih",
    "Choose options": "Pilih",
    "Choose or add an option": "Pilih atau tambahkan",
    "Choose or add options": "Pilih atau tambahkan",
    "No results": "Tidak ada yang cocok",
    "Clear all": "Hapus semua",
    "Clear value": "Hapus pilihan",
    "Select all": "Pilih semua",
    "Selected values": "Nilai terpilih",
    "Selectbox options": "Pilihan",
    "Multiselect options": "Pilihan",
    "Open": "Buka",
    "Running...": "Memuat…",
    "Stop": "Hentikan",
    "Skip to main content": "Langsung ke isi halaman",
    "Sidebar": "Panel samping",
    "Collapse sidebar": "Tutup panel samping",
    "Expand sidebar": "Buka panel samping",
    # Not `… kata sandi`: the field itself is labelled `Kata sandi`.
    "Show password": "Lihat sandi",
    "Hide password": "Tutup sandi",
    "Download plot as a PNG": "Unduh grafik sebagai gambar PNG",
    "App pages": "Halaman dasbor",
    "Link to heading": "Tautan ke judul ini",
}
STREAMLIT_POLA = [
    (r"^(\d+(?:\.\d+)?)\s?([KMG]?B) per file$", "maks. $1 $2 per berkas"),
    (r"^Press (.+) to apply$", "Tekan $1 untuk menerapkan"),
    (r"^Press (.+) to submit form$", "Tekan $1 untuk mengirim formulir"),
    (r"^Remove (.+)$", "Hapus $1"),
    (r"^Add: (.+)$", "Tambahkan: $1"),
    (r"^Help for (.+)$", "Bantuan untuk $1"),
    (r"^Select (\d+) matches$", "Pilih $1 yang cocok"),
    (r"^[a-z0-9_]+ icon$", "ikon"),
]
