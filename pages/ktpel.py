"""KTP-el: recording coverage per kecamatan against the thresholds, the not-yet-recorded counts
ranked, and progress over time when several dated KTP-el uploads exist. Queries:
marts/kecamatan, marts/kabupaten, marts/ktpel_tren, marts/versi_data (through
readiness.model.halaman_ktpel)."""
import streamlit as st

from app import baca, layar
from readiness import charts, fmt
from readiness.export import Kolom

election = layar.election()
data = baca.page_data("ktpel", election)
kecamatan, kab, tren, tren_kab = data["kecamatan"], data["kabupaten"].iloc[0], data["tren"], data["tren_kabupaten"]

st.title("Perekaman KTP-el")
st.caption(layar.caption_from(data))
if kecamatan["ktpel_wajib"].isna().all():
    layar.empty_state("Data perekaman KTP-el belum diunggah untuk pemilihan ini. Unggah rekap perekaman dari "
                       "Dispendukcapil (per kecamatan atau per desa: wajib KTP-el, sudah rekam, tanggal data).")

hijau, kuning = float(kecamatan["t_ktpel_hijau"].iloc[0]), float(kecamatan["t_ktpel_kuning"].iloc[0])
kec = kecamatan.assign(ktpel_belum=kecamatan["ktpel_wajib"] - kecamatan["ktpel_rekam"])
dates = kec["ktpel_tanggal"].dropna()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Cakupan kabupaten", fmt.persen(kab["ktpel_persen"]))
c1.caption(f"Data per {fmt.tanggal(dates.max())}" if len(dates) else "Tanggal data tidak diketahui")
c2.metric("Wajib KTP-el", fmt.angka(kab["ktpel_wajib"]))
c2.caption(f"Sudah rekam {fmt.angka(kab['ktpel_rekam'])}")
c3.metric("Belum rekam", fmt.angka(kec["ktpel_belum"].sum(min_count=1)))
c3.caption(f"di {kec['ktpel_wajib'].notna().sum()} kecamatan yang datanya ada")
counts = kec["status_ktpel"].value_counts()
c4.metric(f"Di bawah {fmt.ringkas(hijau)}%", fmt.angka(counts.get("kuning", 0) + counts.get("merah", 0)))
c4.caption(f"kecamatan; {counts.get('merah', 0)} di antaranya di bawah {fmt.ringkas(kuning)}% (belum siap)")

with st.container():
    st.subheader("Cakupan per kecamatan")
    event = st.plotly_chart(charts.ktpel_bars(kec, hijau, kuning), width="stretch", config=charts.PLOT_CONFIG,
                            on_select="rerun", selection_mode="points", key="ktpel_batang")
    layar.open_kecamatan(event, election)
with st.container():
    st.subheader("Belum rekam, terbanyak dulu")
    ranked = kec.dropna(subset=["ktpel_wajib"]).sort_values("ktpel_belum", ascending=False).reset_index(drop=True)
    ranked["peringkat"] = range(1, len(ranked) + 1)
    layar.table(ranked, [
        Kolom("peringkat", "No", "angka"), Kolom("kecamatan", "Kecamatan"), Kolom("ktpel_belum", "Belum rekam", "angka"),
        Kolom("ktpel_persen", "Cakupan", "persen"), Kolom("status_ktpel", "Status", "status"),
        Kolom("ktpel_wajib", "Wajib KTP-el", "angka"), Kolom("ktpel_rekam", "Sudah rekam", "angka"),
        Kolom("ktpel_tanggal", "Tanggal data", "tanggal"),
    ], "KTP-el belum rekam per kecamatan", data, election, key="ktpel_peringkat")

st.subheader("Perkembangan dari waktu ke waktu")
if len(tren_kab) < 2:
    when = ", ".join(fmt.tanggal(t) for t in tren_kab["tanggal"]) or "belum ada"
    st.info(f"Grafik perkembangan tampil bila ada lebih dari satu unggahan KTP-el dengan tanggal data berbeda "
            f"(saat ini: {when}).")
else:
    st.plotly_chart(charts.ktpel_tren(tren_kab, hijau, kuning), width="stretch", config=charts.PLOT_CONFIG)
    partial = tren_kab[tren_kab["jumlah_kecamatan"] < len(kecamatan)]
    if not partial.empty:
        st.caption("Pada tanggal " + ", ".join(fmt.tanggal(t) for t in partial["tanggal"])
                   + " belum semua kecamatan punya data; angka kabupaten hanya dari kecamatan yang ada.")
    wide = tren.pivot(index=["kode_kecamatan", "kecamatan"], columns="tanggal", values="ktpel_persen").reset_index()
    columns = [c for c in wide.columns if c not in ("kode_kecamatan", "kecamatan")]
    wide.columns = ["kode_kecamatan", "kecamatan"] + [f"t{i}" for i in range(len(columns))]
    layar.table(wide, [Kolom("kecamatan", "Kecamatan")] + [
        Kolom(f"t{i}", f"Cakupan {fmt.tanggal(t)}", "persen") for i, t in enumerate(columns)
    ], "Perkembangan perekaman KTP-el per kecamatan", data, election, key="ktpel_tren")
layar.footer()
