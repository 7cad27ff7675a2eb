"""The Pengaturan page's parts: one save (the role checked again, Indonesian refusals, nothing
half-saved), the thresholds form with its switches, the per-kecamatan targets, the korwil
assignment and the choice to keep voters' identity. What is checked and stored is
readiness/model/pengaturan.py and readiness/audit.py; this module only lays out the forms."""

from __future__ import annotations

import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import catatan, db, fmt, model, teks

PESAN = "_pengaturan_pesan"


def simpan(action, done: str) -> None:
    """Run one save, `action(pelaku)`: the role is checked again on the server, the change and its
    audit record (values before and after) land together; Indonesian errors, nothing half-saved.
    `done` is shown after the rerun (`{hasil}`: the number the action returned)."""
    pelaku = sesi.wajib("pengaturan")
    try:
        hasil = action(pelaku)
    except model.PengaturanError as error:
        st.error("Tidak disimpan:\n" + "\n".join(f"- {escape_md(p)}" for p in error.problems))
        return
    except (db.DatabaseBusy, catatan.Sibuk) as error:
        st.error(str(error))
        return
    st.session_state[PESAN] = done if hasil is None else done.format(hasil=fmt.angka(hasil))
    st.rerun()


def di_berkas(election: str, objek: str, action):
    """A save kept in the analytical file (readiness.model.ubah_berkas)."""
    return lambda pelaku: model.ubah_berkas(baca.db_path(), election, pelaku, objek, action)


def ambang(data: dict, election: str, wilayah: str) -> None:
    """Thresholds, TPS capacity and default target typed the Indonesian way; on/off settings as switches."""
    st.subheader("Ambang status, kapasitas TPS dan target bawaan")
    current = dict(zip(data["pengaturan"]["key"], data["pengaturan"]["value"]))
    labels = model.label_pengaturan(wilayah)
    with st.form("ambang"):
        texts, saklar = {}, {}
        cols = st.columns(2)
        angka = [(key, lo, hi) for key, (_, lo, hi) in model.PENGATURAN.items() if key not in model.SAKLAR]
        for i, (key, lo, hi) in enumerate(angka):
            texts[key] = cols[i % 2].text_input(
                labels[key],
                value=fmt.ringkas(current.get(key)),
                key=f"atur_{election}_{key}",
                help=f"Antara {fmt.ringkas(lo)} dan {fmt.ringkas(hi)}; desimal dengan koma",
            )
        for key in model.SAKLAR:
            saklar[key] = st.toggle(labels[key], value=current.get(key) == 1, key=f"atur_{election}_{key}")
        if st.form_submit_button("Simpan ambang dan kapasitas", type="primary"):
            simpan(
                lambda pelaku: model.simpan_pengaturan(
                    baca.db_path(),
                    election,
                    model.baca_isian(texts, saklar, wilayah=wilayah),
                    pelaku,
                    ref=baca.current_reader().cursor(),
                    wilayah=wilayah,
                ),
                "Ambang, kapasitas dan target bawaan disimpan.",
            )


def target(data: dict, election: str, wilayah: str) -> None:
    """Per-kecamatan target overrides, typed in a table."""
    st.subheader("Target partisipasi per kecamatan")
    st.caption(
        "Isi kolom *Target khusus* untuk mengganti target dari berkas; kosongkan untuk memakai target dari berkas "
        f"(atau target bawaan {wilayah} bila berkas tidak ada)."
    )
    part = data["partisipasi"]
    edited = st.data_editor(
        model.tabel_target(part, data["pengaturan"]),
        hide_index=True,
        width="stretch",
        key=f"target_{election}",
        disabled=["kode_kecamatan", "Kecamatan", "Target berlaku (%)"],
        # Widths that fit a phone (390 px) without sideways scrolling; a wider screen grows them.
        column_config={
            "kode_kecamatan": None,
            "Kecamatan": st.column_config.TextColumn(width=100),
            "Target berlaku (%)": st.column_config.TextColumn(width=112),
            "Target khusus (%)": st.column_config.TextColumn(width=128),
        },
    )
    if st.button("Simpan target per kecamatan"):
        simpan(
            lambda pelaku: model.simpan_target_kecamatan(
                baca.db_path(),
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


def korwil(data: dict, election: str) -> None:
    """Which korwil each kecamatan belongs to, edited as a table (rows may be added or removed);
    in a province, which korwil each kab/kota belongs to (korwil_kabkota)."""
    st.subheader("Pembagian korwil")
    if data.get("korwil_kabkota") is not None:
        korwil_kabkota(data["korwil_kabkota"], election)
        return
    st.caption(
        "Setiap kecamatan harus masuk tepat satu korwil; satu korwil satu koordinator. Pembagian ini hanya untuk "
        "pemilihan yang dipilih di panel samping."
    )
    rows = data["korwil"].rename(columns={"kecamatan": "Kecamatan", "korwil": "Korwil", "koordinator": "Koordinator"})
    lebar, sempit = layar.menurut_lebar("pembagian_korwil")
    with sempit:
        korwil_satu(data["korwil"], election)
    lebar.caption("Tambah atau hapus baris bila perlu.")
    edited = lebar.data_editor(
        rows[["Kecamatan", "Korwil", "Koordinator"]],
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        key=f"korwil_{election}",
        column_config={"Kecamatan": st.column_config.SelectboxColumn(options=sorted(rows["Kecamatan"]), required=True)},
    )
    if lebar.button("Simpan pembagian korwil", type="primary"):
        baru = edited.rename(columns=str.lower)
        simpan(
            di_berkas(election, "pembagian korwil", lambda con: model.simpan_korwil(con, election, baru)),
            "Pembagian korwil disimpan.",
        )


def korwil_satu(rows, election: str, kolom: str = "kecamatan") -> None:
    """On a phone, in the grid's place (three columns of names are wider than a phone): one
    kecamatan at a time (`kolom="kabkota"`: a province's kab/kota, which may be in no korwil), its
    korwil chosen from those there are or typed new, and that korwil's coordinator, which every
    place of the korwil then shares. Saved like the grid: the whole assignment, refused on any
    problem (in a kab/kota unless every kecamatan is in exactly one korwil)."""
    kabkota = kolom == "kabkota"
    tempat = "kabupaten/kota" if kabkota else "kecamatan"
    st.caption(f"Satu {tempat} setiap kali: pilih korwil yang ada, atau ketik nama korwil baru.")
    names = list(rows[kolom])
    nama = st.selectbox(tempat[:1].upper() + tempat[1:], names, key=f"korwil_hp_{kolom}_{election}")
    i = names.index(nama)
    daftar = sorted({k for k in rows["korwil"] if isinstance(k, str) and k})
    sekarang = rows["korwil"].iloc[i]
    if kabkota:  # a kab/kota may be in none
        daftar, sekarang = [teks.TANPA_KORWIL, *daftar], sekarang if sekarang in daftar else teks.TANPA_KORWIL
    with st.form(f"korwil_hp_{kolom}_{election}_{i}", border=False):
        pilihan = st.selectbox(
            "Korwil",
            daftar,
            index=daftar.index(sekarang) if sekarang in daftar else None,
            placeholder="Pilih atau ketik korwil baru",
            accept_new_options=True,
        )
        koordinator = dict(zip(rows["korwil"], rows["koordinator"]))
        orang = st.text_input(
            "Koordinator korwil",
            value=koordinator.get(sekarang) or "",
            help=f"Berlaku untuk semua {tempat} korwil ini.",
        )
        if st.form_submit_button(f"Simpan korwil {nama}", type="primary"):
            pilihan = None if pilihan == teks.TANPA_KORWIL else pilihan
            baru = model.ubah_korwil(rows, nama, pilihan, orang, kolom)
            simpan_baru = model.simpan_korwil_kabkota if kabkota else model.simpan_korwil
            simpan(
                di_berkas(election, "pembagian korwil", lambda con: simpan_baru(con, election, baru)),
                f"Korwil {nama} disimpan." if kabkota else f"Korwil Kecamatan {nama} disimpan.",
            )


def korwil_kabkota(rows, election: str) -> None:
    """A province's korwil: one row per kab/kota, its korwil and koordinator typed; a kab/kota left
    empty is in no korwil (shown as «Tanpa korwil»). On a phone one kab/kota at a time (korwil_satu)."""
    st.caption(
        "Korwil mengelompokkan kabupaten/kota: isi nama korwil dan koordinatornya pada baris kabupaten/kota. "
        "Kosongkan kolom Korwil bila kabupaten/kota tidak masuk korwil mana pun (tampil sebagai «Tanpa korwil»); "
        "satu korwil satu koordinator. Pembagian ini hanya untuk pemilihan yang dipilih di panel samping."
    )
    lebar, sempit = layar.menurut_lebar("pembagian_korwil")
    with sempit:
        korwil_satu(rows, election, "kabkota")
    kolom = {"kabkota": "Kabupaten/kota", "korwil": "Korwil", "koordinator": "Koordinator"}
    edited = lebar.data_editor(
        # an empty cell shows empty, not `None`
        rows[list(kolom)].rename(columns=kolom).astype(object).fillna(""),
        hide_index=True,
        width="stretch",
        key=f"korwil_kabkota_{election}",
        disabled=["Kabupaten/kota"],
    )
    if lebar.button("Simpan pembagian korwil", type="primary"):
        baru = edited.rename(columns={v: k for k, v in kolom.items()})
        simpan(
            di_berkas(election, "pembagian korwil", lambda con: model.simpan_korwil_kabkota(con, election, baru)),
            "Pembagian korwil disimpan.",
        )


def identitas(election: str) -> None:
    """Whether names, addresses and birthplaces of the per-voter lists are kept (readiness/audit.py,
    query marts/audit_identitas); turning it off erases those kept."""
    from readiness import audit

    st.subheader("Identitas pemilih di daftar per orang")
    st.caption(
        "Bawaan: nama, alamat dan tempat lahir dari daftar pemilih per orang tidak dibaca dan tidak disimpan; "
        "NIK dan NKK hanya disimpan sebagai sidik acak (HMAC) dan bentuk tersamar (UU 27/2022 Perlindungan Data "
        "Pribadi). Nyalakan hanya bila desk pilkada benar-benar memerlukannya. Mematikannya menghapus semua "
        "identitas yang tersimpan, termasuk sisa-sisanya di berkas database."
    )
    sekarang = baca.query("marts/audit_identitas").iloc[0]
    simpan_identitas = st.toggle(
        "Simpan nama, alamat dan tempat lahir dari unggahan daftar pemilih berikutnya",
        value=bool(sekarang["simpan"]),
        key="simpan_identitas",
    )
    st.caption(f"Tersimpan sekarang: identitas {fmt.angka(sekarang['baris'])} pemilih.")
    if simpan_identitas == bool(sekarang["simpan"]) or not st.button("Simpan pilihan identitas", type="primary"):
        return
    if simpan_identitas:
        simpan(
            di_berkas(election, "simpan identitas", lambda con: audit.atur_simpan_identitas(con, True)),
            "Nama, alamat dan tempat lahir akan disimpan dari unggahan daftar pemilih berikutnya.",
        )
    else:
        simpan(
            lambda pelaku: audit.purge_identitas(baca.db_path(), pelaku=pelaku),
            "Identitas tidak disimpan lagi; identitas {hasil} pemilih dihapus dari database.",
        )
