-- Rule: the kabupaten row adds up its kecamatan (mart_kabupaten against mart_kecamatan). DPT, L, P,
-- TPS, KTP-el wajib and rekam are the sums of the kecamatan figures, missing exactly when a kecamatan
-- lacks the figure; TPS over capacity is the sum over the kecamatan that have a TPS list; the
-- largest TPS is the largest of the kecamatan; jumlah_kecamatan counts them and the kecamatan per
-- status (hijau, kuning, merah) add up to it.
-- Returns one row per figure that differs: kolom, the kabupaten's value, the kecamatan's sum.
-- params: election
with
kecamatan as (
    select * from mart_kecamatan where election_id = $election
),
nilai as (
    select kolom, nilai
    from kecamatan
    unpivot include nulls (nilai for kolom in (dpt, dpt_l, dpt_p, tps, ktpel_wajib, ktpel_rekam))
),
dari_kecamatan as (
    select kolom, case when count(nilai) = count(*) then sum(nilai) end as nilai
    from nilai
    group by kolom
    union all
    select 'tps_melebihi_kapasitas', sum(tps_melebihi_kapasitas) from kecamatan
    union all
    select 'pemilih_per_tps_maks', max(pemilih_per_tps_maks) from kecamatan
    union all
    select 'jumlah_kecamatan', count(*) from kecamatan
    union all
    select 'jumlah_' || s.status, count(k.status)
    from (values ('hijau'), ('kuning'), ('merah')) s(status)
    left join kecamatan k using (status)
    group by s.status
),
kabupaten as (
    select kolom, nilai
    from (select * from mart_kabupaten where election_id = $election)
    unpivot include nulls (nilai for kolom in (dpt, dpt_l, dpt_p, tps, ktpel_wajib, ktpel_rekam,
        tps_melebihi_kapasitas, pemilih_per_tps_maks, jumlah_kecamatan, jumlah_hijau, jumlah_kuning, jumlah_merah))
)
select kolom, kabupaten.nilai as kabupaten, dari_kecamatan.nilai as jumlah_kecamatan
from dari_kecamatan
full join kabupaten using (kolom)
where kabupaten.nilai is distinct from dari_kecamatan.nilai
order by kolom
