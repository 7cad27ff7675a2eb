-- Rule: each korwil row adds up the kecamatan assigned to it (mart_korwil against mart_kecamatan,
-- grouped by the kecamatan's korwil). DPT, L, P, TPS, KTP-el wajib and rekam are the sums, missing
-- exactly when one of its kecamatan lacks the figure; TPS over capacity is the sum over those with a
-- TPS list; jumlah_kecamatan counts them, and the kecamatan per status add up to it.
-- Returns one row per korwil and figure that differs.
-- params: election
with
kecamatan as (
    select * from mart_kecamatan where election_id = $election
),
nilai as (
    select korwil, kolom, nilai
    from kecamatan
    unpivot include nulls (nilai for kolom in (dpt, dpt_l, dpt_p, tps, ktpel_wajib, ktpel_rekam))
),
dari_kecamatan as (
    select korwil, kolom, case when count(nilai) = count(*) then sum(nilai) end as nilai
    from nilai
    group by korwil, kolom
    union all
    select korwil, 'tps_melebihi_kapasitas', sum(tps_melebihi_kapasitas) from kecamatan group by korwil
    union all
    select korwil, 'jumlah_kecamatan', count(*) from kecamatan group by korwil
    union all
    select korwil, 'jumlah_' || s.status, count(*) filter (where k.status = s.status)
    from kecamatan k
    cross join (values ('hijau'), ('kuning'), ('merah')) s(status)
    group by korwil, s.status
),
korwil as (
    select korwil, kolom, nilai
    from (select * from mart_korwil where election_id = $election)
    unpivot include nulls (nilai for kolom in (dpt, dpt_l, dpt_p, tps, ktpel_wajib, ktpel_rekam,
        tps_melebihi_kapasitas, jumlah_kecamatan, jumlah_hijau, jumlah_kuning, jumlah_merah))
)
-- (kecamatan without a korwil make one row without a name, on both sides)
select coalesce(k.korwil, d.korwil) as korwil, coalesce(k.kolom, d.kolom) as kolom,
    k.nilai as korwil_nilai, d.nilai as jumlah_kecamatan
from dari_kecamatan d
full join korwil k on k.korwil is not distinct from d.korwil and k.kolom = d.kolom
where k.nilai is distinct from d.nilai
order by 1, 2
