"""Pengaturan (admin): the elections (listed, added, changed, the active one chosen:
app/pemilihan_tampil.py); for the election chosen in the sidebar its TPS capacity, the readiness
thresholds, the region's default target, per-kecamatan targets, and the korwil assignment (any
number of korwil; refused unless every kecamatan is in exactly one). Queries: marts/pengaturan,
marts/korwil_penugasan, marts/elections, marts/partisipasi, marts/audit_identitas (through
readiness.model.halaman_pengaturan and app.baca). Thresholds and targets are saved in the
small-records store in milliseconds, the rest in the analytical file (readiness/model/pengaturan.py,
readiness/wilayah/pemilihan.py); either way every page shows the new figures at once."""

import pandas as pd
import streamlit as st

from app import baca, layar, pemilihan_tampil, sesi
from app.markdown import escape_md
from readiness import catatan, db, fmt, model

election = layar.election()
sesi.wajib("pengaturan")  # also on the server: a role without it never gets the forms, even by URL
data = baca.page_data("pengaturan", election)
elections = data["elections"]
names = dict(zip(elections["election_id"], elections["nama"]))
path = baca.db_path()
wilayah = data["kata"].wilayah_kecil  # 'kabupaten', 'kota': the labels speak of the region

st.title("Pengaturan")
st.caption(
    f"Untuk admin desk pilkada. Perubahan berlaku untuk {escape_md(names[election])} (pilih pemilihan lain di panel "
    "samping) dan langsung terlihat di semua halaman."
)

if message := st.session_state.pop("_pengaturan_pesan", None):
    st.success(message)


def save(action, done: str) -> None:
    """Run one save, `action(pelaku)`: the role is checked again on the server, the change and its
    audit record (values before and after) land together; Indonesian errors, nothing half-saved."""
    pelaku = sesi.wajib("pengaturan")
    try:
        hasil = action(pelaku)
    except model.PengaturanError as error:
        st.error("Tidak disimpan:\n" + "\n".join(f"- {escape_md(p)}" for p in error.problems))
        return
    except (db.DatabaseBusy, catatan.Sibuk) as error:
        st.error(str(error))
        return
    st.session_state["_pengaturan_pesan"] = done if hasil is None else done.format(hasil=fmt.angka(hasil))
    st.rerun()


def di_berkas(objek: str, action):
    """A save kept in the analytical file (readiness.model.ubah_berkas)."""
    return lambda pelaku: model.ubah_berkas(path, election, pelaku, objek, action)


pemilihan_tampil.bagian(elections, election, save, di_berkas)

st.subheader("Ambang status, kapasitas TPS dan target bawaan")
current = dict(zip(data["pengaturan"]["key"], data["pengaturan"]["value"]))
with st.form("ambang"):
    texts = {}
    cols = st.columns(2)
    labels = model.label_pengaturan(wilayah)
    for i, (key, (_, lo, hi)) in enumerate(model.PENGATURAN.items()):
        texts[key] = cols[i % 2].text_input(
            labels[key],
            value=fmt.ringkas(current.get(key)),
            key=f"atur_{election}_{key}",
            help=f"Antara {fmt.ringkas(lo)} dan {fmt.ringkas(hi)}; desimal dengan koma",
        )
    if st.form_submit_button("Simpan ambang dan kapasitas", type="primary"):
        save(
            lambda pelaku: model.simpan_pengaturan(
                path,
                election,
                model.baca_angka(texts, wilayah=wilayah),
                pelaku,
                ref=baca.current_reader().cursor(),
                wilayah=wilayah,
            ),
            "Ambang, kapasitas dan target bawaan disimpan.",
        )

st.subheader("Target partisipasi per kecamatan")
st.caption(
    "Isi kolom *Target khusus* untuk mengganti target dari berkas; kosongkan untuk memakai target dari berkas "
    f"(atau target bawaan {wilayah} bila berkas tidak ada)."
)
part = data["partisipasi"]
overrides = {row.kode_kecamatan: row.value for row in data["pengaturan"].dropna(subset=["kode_kecamatan"]).itertuples()}
editor = pd.DataFrame(
    {
        "kode_kecamatan": part["kode_kecamatan"],
        "Kecamatan": part["kecamatan"],
        "Target berlaku (%)": part["target_partisipasi"].map(lambda v: fmt.angka(v, 1)),
        "Target khusus (%)": [fmt.ringkas(overrides[k]) if k in overrides else "" for k in part["kode_kecamatan"]],
    }
)
edited = st.data_editor(
    editor,
    hide_index=True,
    width="stretch",
    key=f"target_{election}",
    disabled=["kode_kecamatan", "Kecamatan", "Target berlaku (%)"],
    column_config={"kode_kecamatan": None},
)
if st.button("Simpan target per kecamatan"):
    save(
        lambda pelaku: model.simpan_target_kecamatan(
            path,
            election,
            model.baca_target(
                dict(zip(edited["kode_kecamatan"], edited["Target khusus (%)"])),
                dict(zip(part["kode_kecamatan"], "Target " + part["kecamatan"])),
            ),
            pelaku,
            ref=baca.current_reader().cursor(),
        ),
        "Target per kecamatan disimpan.",
    )

st.subheader("Pembagian korwil")
st.caption(
    "Setiap kecamatan harus masuk tepat satu korwil. Tambah atau hapus baris bila perlu; satu korwil satu "
    "koordinator. Pembagian ini hanya untuk pemilihan yang dipilih di panel samping."
)
korwil = data["korwil"].rename(columns={"kecamatan": "Kecamatan", "korwil": "Korwil", "koordinator": "Koordinator"})
edited_korwil = st.data_editor(
    korwil[["Kecamatan", "Korwil", "Koordinator"]],
    hide_index=True,
    width="stretch",
    num_rows="dynamic",
    key=f"korwil_{election}",
    column_config={"Kecamatan": st.column_config.SelectboxColumn(options=sorted(korwil["Kecamatan"]), required=True)},
)
if st.button("Simpan pembagian korwil", type="primary"):
    rows = edited_korwil.rename(columns=str.lower)
    save(
        di_berkas("pembagian korwil", lambda con: model.simpan_korwil(con, election, rows)),
        "Pembagian korwil disimpan.",
    )

# ---- Identitas pemilih (thresholds of the voter-list audit; readiness/audit.py, query marts/audit_identitas) ----
st.subheader("Identitas pemilih di daftar per orang")
st.caption(
    "Bawaan: nama, alamat dan tempat lahir dari daftar pemilih per orang tidak dibaca dan tidak disimpan; "
    "NIK dan NKK hanya disimpan sebagai sidik acak (HMAC) dan bentuk tersamar (UU 27/2022 Perlindungan Data "
    "Pribadi). Nyalakan hanya bila desk pilkada benar-benar memerlukannya. Mematikannya menghapus semua "
    "identitas yang tersimpan, termasuk sisa-sisanya di berkas database."
)
_identitas = baca.query("marts/audit_identitas").iloc[0]
_simpan = st.toggle(
    "Simpan nama, alamat dan tempat lahir dari unggahan daftar pemilih berikutnya",
    value=bool(_identitas["simpan"]),
    key="simpan_identitas",
)
st.caption(f"Tersimpan sekarang: identitas {fmt.angka(_identitas['baris'])} pemilih.")
if _simpan != bool(_identitas["simpan"]) and st.button("Simpan pilihan identitas", type="primary"):
    from readiness import audit

    if _simpan:
        save(
            di_berkas("simpan identitas", lambda con: audit.atur_simpan_identitas(con, True)),
            "Nama, alamat dan tempat lahir akan disimpan dari unggahan daftar pemilih berikutnya.",
        )
    else:
        save(
            lambda pelaku: audit.purge_identitas(path, pelaku=pelaku),
            "Identitas tidak disimpan lagi; identitas {hasil} pemilih dihapus dari database.",
        )
layar.footer()
