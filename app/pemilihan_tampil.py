"""The Pengaturan page's election section: the elections this installation follows, which one is
active, a form to add one, one to change one and one to remove one. What is checked and said comes from
readiness.wilayah.pemilihan (`tambah`, `ubah`, `hapus`: the same checks, words and audit record as
`python -m readiness election add|edit|remove`); this module only lays out the forms."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import db, model, teks
from readiness.wilayah import pemilihan

PESAN = "_pemilihan_pesan"
# The form's fields as the page names them (a refusal names the field at fault).
LABEL = {
    "kode": "Kode pemilihan",
    "nama": "Nama pemilihan",
    "jenis": "Jenis pemilihan",
    "wilayah": "Kode wilayah pemilihan",
    "tanggal": "Tanggal pemungutan suara (TTTT-BB-HH)",
    "kapasitas_tps": "Pemilih paling banyak per TPS",
}
JENIS_LABEL = {"": "menurut wilayah dasbor", **{j: teks.PEMILIHAN_JENIS[j].capitalize() for j in pemilihan.JENIS}}


def _simpan(action, done) -> None:
    """Run `action(pelaku)` (the role checked again on the server); its refusal in Indonesian,
    nothing saved; on success `done(hasil)` is shown after the rerun."""
    pelaku = sesi.wajib("pengaturan")
    try:
        hasil = action(pelaku)
    except pemilihan.PemilihanError as error:
        isian = f" — periksa isian «{LABEL[error.isian]}»" if error.isian in LABEL else ""
        st.error(f"Tidak disimpan: {escape_md(str(error) + isian)}.")
        return
    except db.DatabaseBusy as error:
        st.error(escape_md(str(error)))
        return
    st.session_state[PESAN] = done(hasil)
    st.rerun()


def _isian(prefix: str, awal: dict, *, baru: bool) -> dict:
    """The form's fields ({nama, jenis, wilayah, tanggal, kapasitas_tps} as texts); `awal` the
    texts shown first."""
    c1, c2 = st.columns(2)
    boleh = pemilihan.jenis_boleh(baca.current_reader().cursor())
    jenis = ([""] if baru else []) + [j for j in pemilihan.JENIS if j in boleh or j == awal["jenis"]]
    return {
        "nama": c1.text_input(
            LABEL["nama"], value=awal["nama"], key=f"{prefix}_nama", help="Kosongkan: dari jenis, wilayah dan tahun"
        ),
        "jenis": c2.selectbox(
            LABEL["jenis"],
            jenis,
            index=jenis.index(awal["jenis"]) if awal["jenis"] in jenis else 0,
            format_func=JENIS_LABEL.get,
            key=f"{prefix}_jenis",
        ),
        "wilayah": c1.text_input(
            LABEL["wilayah"],
            value=awal["wilayah"],
            key=f"{prefix}_wilayah",
            help="Kode Kemendagri, mis. 74.06; kosongkan: wilayah dasbor (provinsinya untuk pemilihan gubernur)",
        ),
        "tanggal": c2.text_input(
            LABEL["tanggal"],
            value=awal["tanggal"],
            key=f"{prefix}_tanggal",
            help="Tahun-bulan-hari, mis. 2029-11-28",
        ),
        "kapasitas_tps": c1.text_input(
            LABEL["kapasitas_tps"],
            value=awal["kapasitas_tps"],
            key=f"{prefix}_kapasitas",
            help="Kosongkan: sama dengan pemilihan aktif" if baru else None,
        ),
    }


def bagian(elections: pd.DataFrame, election: str, save, di_berkas) -> None:
    """The section, for `elections` (marts/elections rows); `election` is the one chosen in the
    sidebar. `save` and `di_berkas` are the page's own (the active election is a setting kept in
    the analytical file, like the korwil assignment)."""
    names = dict(zip(elections["election_id"], elections["nama"]))
    path = baca.db_path()
    st.subheader("Pemilihan")
    if message := st.session_state.pop(PESAN, None):
        st.success(escape_md(message))
    layar.tabel_baca(pemilihan.tabel(elections), angka=["Kapasitas TPS"], panjang=["Nama"])
    if elections["tanggal"].duplicated().any():
        st.caption(teks.PEMILIHAN_SEHARI)

    active = next(e for e, a in zip(elections["election_id"], elections["aktif"]) if a)
    a1, a2 = st.columns([3, 1], vertical_alignment="bottom")
    new_active = a1.selectbox(
        "Pemilihan yang dibuka pertama kali dan dipakai baris perintah",
        list(names),
        index=list(names).index(active),
        format_func=names.get,
    )
    if a2.button("Jadikan aktif", disabled=new_active == active):
        save(
            di_berkas("pemilihan aktif", lambda con: model.aktifkan_pemilihan(con, new_active)),
            f"{names[new_active]} sekarang pemilihan aktif.",
        )

    with st.expander("Tambah pemilihan"):
        with st.form("pemilihan_tambah"):
            kode = st.text_input(LABEL["kode"], placeholder="mis. pilkada-2029", key="pemilihan_tambah_kode")
            texts = _isian("pemilihan_tambah", dict.fromkeys(pemilihan.EDIT_FIELDS, ""), baru=True)
            if st.form_submit_button("Tambah pemilihan", type="primary"):
                _simpan(
                    lambda pelaku: pemilihan.tambah(path, pelaku, kode, **pemilihan.isian(texts)),
                    lambda row: f"Pemilihan ditambahkan: {pemilihan.describe(kode.strip(), row)}.",
                )

    with st.expander("Ubah pemilihan"):
        pilih = st.selectbox(
            "Pemilihan yang diubah", list(names), index=list(names).index(election), format_func=names.get
        )
        row = elections.set_index("election_id").loc[pilih].to_dict()
        awal = pemilihan.teks_isian(row)
        # The stored values are part of the keys: after any change (here, in the thresholds form
        # or from the command line) the form shows what is stored, not what was typed before.
        prefix = f"pemilihan_ubah_{pilih}_" + "|".join(awal.values())
        with st.form("pemilihan_ubah"):
            texts = _isian(prefix, awal, baru=False)
            if st.form_submit_button("Simpan perubahan pemilihan", type="primary"):
                fields = pemilihan.isian(texts, row)
                if all(v is None for v in fields.values()):
                    st.info("Tidak ada yang diubah.")
                else:
                    # The thresholds form shows the TPS capacity too: let it show the new one.
                    st.session_state.pop(f"atur_{pilih}_kapasitas_tps", None)
                    _simpan(
                        lambda pelaku: pemilihan.ubah(path, pelaku, pilih, **fields)[1],
                        lambda after: f"Pemilihan diubah: {pemilihan.describe(pilih, after)}.",
                    )

    with st.expander("Hapus pemilihan"):
        st.caption(
            "Untuk pemilihan yang tidak diikuti dasbor ini (mis. pemilihan kabupaten/kota yang disiapkan `init`). "
            "Pemilihan yang aktif, atau yang sudah punya unggahan atau permasalahan, tidak dapat dihapus."
        )
        h1, h2 = st.columns([3, 1], vertical_alignment="bottom")
        # No key: a new list of elections is a new widget, its first election chosen.
        hapus = h1.selectbox("Pemilihan yang dihapus", [e for e in names if e != active], format_func=names.get)
        if h2.button("Hapus pemilihan", disabled=hapus is None, key="pemilihan_hapus_tombol"):
            _simpan(
                lambda pelaku: pemilihan.hapus(path, pelaku, hapus),
                lambda row: f"Pemilihan dihapus: {pemilihan.describe(hapus, row)}.",
            )
