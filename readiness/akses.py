"""Who may do what. The one table of roles and actions; pages and the CLI ask
`boleh(peran, aksi)` before showing a form and again, on the server, before doing the action.

Roles: pimpinan sees everything and changes nothing; analis uploads data and enters problems;
admin also changes settings, users and data versions; pelapor (a field reporter at a TPS) only reports from the
field for the area assigned to them. With no user in the database the app runs in local mode
(`LOKAL`): one person on one laptop, everything allowed, shown with a banner.

In a province (or national) installation a pimpinan or analis may be limited to one kab/kota
(`Pengguna.kabkota`). They still read every page (the province's rakor is shown to all; the app
opens on their kab/kota), but every write names a place and is refused here, on the server,
outside it: an upload's rows (`tolak_unggahan`, from the commit of every upload), a problem
entered or followed up (`wajib_kabkota`, from readiness.masalah). Settings, elections, data versions and users
stay admin-only, and an admin is never limited."""

from __future__ import annotations

from dataclasses import dataclass

from . import fmt

PERAN = {
    "pimpinan": "Pimpinan",
    "analis": "Analis",
    "admin": "Admin",
    "pelapor": "Pelapor lapangan",
}

# aksi → the roles allowed to do it
AKSI = {
    "lihat": {"pimpinan", "analis", "admin"},  # dashboard pages, presentasi
    "ekspor": {"pimpinan", "analis", "admin"},  # downloads (recorded in the audit trail)
    "unggah": {"analis", "admin"},  # Unggah Data: upload files
    "masalah": {"analis", "admin"},  # enter and follow up problems
    "versi": {"admin"},  # re-activate an older data version
    "pengaturan": {"admin"},  # thresholds, targets, korwil, identitas
    "pengguna": {"admin"},  # users
    "jejak": {"admin"},  # read the audit trail
    "lapor": {"pelapor", "analis", "admin"},  # lapor cepat: election-day reports from a TPS
}


@dataclass(frozen=True)
class Pengguna:
    nama: str
    peran: str
    wilayah: str | None = None  # pelapor: kode kecamatan or desa they report for; None = all
    lokal: bool = False  # local mode: no users exist yet
    kabkota: str | None = None  # the one kab/kota of a province they may change (`74.06`); None = all


LOKAL = Pengguna(nama="lokal", peran="admin", lokal=True)


def boleh(pengguna: Pengguna | None, aksi: str) -> bool:
    """Whether `pengguna` may do `aksi`. Unknown actions are refused (a typo must not open a door)."""
    if pengguna is None or aksi not in AKSI:
        return False
    return pengguna.peran in AKSI[aksi]


class TidakBoleh(PermissionError):
    """Raised by core functions when the acting user's role does not allow the action."""

    def __init__(self, pengguna: Pengguna | None, aksi: str):
        peran = PERAN.get(pengguna.peran, pengguna.peran) if pengguna else "tamu"
        super().__init__(f"Peran {peran} tidak boleh melakukan ini ({aksi}).")
        self.aksi = aksi


def wajib(pengguna: Pengguna | None, aksi: str) -> None:
    if not boleh(pengguna, aksi):
        raise TidakBoleh(pengguna, aksi)


# --------------------------------------------------------------------------- limited to a kab/kota
LUAR_WILAYAH = "di luar wilayah Anda"  # every refusal below says it (a file is refused once)
BARIS_DISEBUT = 50  # rows of a per-voter list named per sheet and kab/kota (the count says the rest)


def di_kabkota(pengguna: Pengguna | None, kode: str | None) -> bool:
    """Whether a place (a kecamatan or desa code; None: the whole installation) lies in the kab/kota
    `pengguna` is limited to; always True for a user limited to none."""
    batas = getattr(pengguna, "kabkota", None)  # an audit trail's plain name ('cli') is limited to nothing
    if not batas:
        return True
    return isinstance(kode, str) and (kode == batas or kode.startswith(batas + "."))


def nama_kabkota(db_path) -> dict[str, str]:
    """The installation's kab/kota by code (`74.06` → `Kabupaten Bombana`; empty in a kab/kota
    installation), and `*`: the installation's own name (`Provinsi Sulawesi Tenggara`)."""
    from . import db

    con = db.connect_read(db_path)
    try:
        nama = dict(con.execute("select kode_kabkota, kabkota from stg_kabkota order by 1").fetchall())
        wilayah = con.execute("select nama from wilayah limit 1").fetchone()
    finally:
        con.close()
    return {**nama, "*": wilayah[0] if wilayah else "wilayah ini"}


def sebut_kabkota(kode: str | None, nama: dict[str, str]) -> str:
    """`Kabupaten Bombana (74.06)`; `seluruh Provinsi Sulawesi Tenggara` for the whole installation (None)."""
    if not kode:
        return f"seluruh {nama.get('*', 'wilayah ini')}"
    return f"{nama[kode]} ({kode})" if kode in nama else kode


def _kabkota(kode: str | None) -> str | None:
    """`74.06.01.2003` → `74.06`; None stays None (the whole installation)."""
    return kode[:5] if isinstance(kode, str) and len(kode) >= 5 else None


def _batas(pengguna: Pengguna, nama: dict[str, str]) -> str:
    return f"akun '{pengguna.nama}' hanya untuk {sebut_kabkota(pengguna.kabkota, nama)}"


class LuarKabkota(TidakBoleh):
    """A write for a place outside the kab/kota the user is limited to; the message names both."""

    def __init__(self, pengguna: Pengguna, apa: str, kode: str | None, nama: dict[str, str]):
        PermissionError.__init__(
            self,
            f"{apa} {sebut_kabkota(_kabkota(kode), nama)} {LUAR_WILAYAH}: {_batas(pengguna, nama)}. "
            "Tidak ada yang disimpan.",
        )
        self.aksi = "kabkota"


def wajib_kabkota(pengguna: Pengguna | None, kode: str | None, apa: str, db_path) -> None:
    """Refuse (LuarKabkota) a write for the place `kode` (a kecamatan or desa code) outside the
    user's kab/kota; `apa` names what is written (`Masalah #12 untuk`)."""
    if not di_kabkota(pengguna, kode):
        raise LuarKabkota(pengguna, apa, kode, nama_kabkota(db_path))


def tolak_unggahan(pengguna: Pengguna | None, batch, db_path) -> int:
    """Refuse every file of a read batch (readiness.ingest.Batch) with rows outside the user's
    kab/kota: an error per sheet and other kab/kota naming its rows and the kecamatan column (a
    row of the whole installation is outside too). Called by the commit of every upload and by
    the upload page's check; a file already refused here is left alone. Returns the files refused."""
    if not getattr(pengguna, "kabkota", None):
        return 0
    nama = None
    refused = 0
    for result in batch.results:
        if result.kind is None or any(LUAR_WILAYAH in p.message for p in result.errors):
            continue
        luar = _luar(pengguna, result)
        if not luar:
            continue
        nama = nama if nama is not None else nama_kabkota(db_path)
        refused += 1
        for (sheet, kode), (rows, jumlah) in luar.items():
            kolom = next((_kolom_tempat(lay) for lay in result.layouts if lay.sheet.name == sheet), None)
            pesan = f"data {sebut_kabkota(kode, nama)} {LUAR_WILAYAH}: {_batas(pengguna, nama)}"
            if not rows:  # only the file's coverage is at hand: it counts kecamatan
                result.add("galat", f"{pesan} ({jumlah} kecamatan)", sheet)
            elif jumlah > len(rows):
                pesan += f" ({fmt.angka(jumlah)} baris; {fmt.angka(len(rows))} yang pertama disebut)"
            for row in rows:
                result.add("galat", pesan, sheet, row, kolom)
    return refused


def _kolom_tempat(lay) -> str:
    """The column that places a row: its kecamatan, or the kab/kota of a recap of one row per kab/kota."""
    return lay.column_label("kecamatan" if "kecamatan" in lay.columns.values() else "kabkota")


def _luar(pengguna: Pengguna, result) -> dict[tuple, tuple[list[int], int]]:
    """{(sheet, other kab/kota or None): (its rows, how many)} of a file's rows outside the user's
    kab/kota; no rows when only the file's coverage is at hand (then it counts kecamatan)."""
    frame, luar = result.frame, {}
    if frame is None:  # a checked file as the page keeps it (without its rows)
        sheet = result.layouts[0].sheet.name if len(result.layouts) == 1 else None
        for kode in result.coverage:
            kode = None if kode == "*" else kode
            if not di_kabkota(pengguna, kode):
                luar[(sheet, _kabkota(kode))] = ([], luar.get((sheet, _kabkota(kode)), ([], 0))[1] + 1)
        return luar
    if hasattr(frame, "has"):  # a per-voter list, staged on disk (readiness.voterlist.staged)
        found = frame.query(
            "select source_sheet, substr(kode_kecamatan, 1, 5), "
            f"list(source_row order by source_row)[1:{BARIS_DISEBUT}], count(*) from frame "
            "where kode_kecamatan is null or not starts_with(kode_kecamatan, $k) group by all order by all",
            k=pengguna.kabkota + ".",
        )
        return {(sheet, kode): (list(rows), n) for sheet, kode, rows, n in found}
    columns = [frame[c] for c in ("source_sheet", "source_row", "kode_kecamatan")]
    if hasattr(frame, "column_names"):  # an Arrow table: its values as Python's
        columns = [c.to_pylist() for c in columns]
    # a row of one whole kab/kota (KPU's recap: kode_kecamatan empty) lies in that kab/kota
    if not hasattr(frame, "column_names") and "kode_kabkota" in frame.columns:
        columns[2] = [k if isinstance(k, str) else b for k, b in zip(columns[2], frame["kode_kabkota"])]
    rows: dict[tuple, list[int]] = {}
    for sheet, row, kode in zip(*columns):
        kode = kode if isinstance(kode, str) else None
        if not di_kabkota(pengguna, kode):
            rows.setdefault((sheet, _kabkota(kode)), []).append(int(row))
    return {key: (found, len(found)) for key, found in rows.items()}
