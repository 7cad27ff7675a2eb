"""Who may do what. The one table of roles and actions; pages and the CLI ask
`boleh(peran, aksi)` before showing a form and again, on the server, before doing the action.

Roles: pimpinan sees everything and changes nothing; analis uploads data and enters problems;
admin also changes settings, users and data versions; pelapor (a field reporter at a TPS) only reports from the
field for the area assigned to them. With no user in the database the app runs in local mode
(`LOKAL`): one person on one laptop, everything allowed, shown with a banner."""

from __future__ import annotations

from dataclasses import dataclass

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
