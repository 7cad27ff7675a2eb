-- Rule: the TPS rows (mart_tps, every TPS of the election) add up to each kecamatan's TPS-list
-- figures (mart_kecamatan): as many rows as dpt_daftar_tps counts TPS, their DPT sums to
-- dpt_daftar_tps, the largest is pemilih_per_tps_maks and those over capacity are
-- tps_melebihi_kapasitas; a kecamatan without a TPS list has no TPS rows.
-- Returns one row per kecamatan and figure that differs.
-- params: election
with
baris as (
    select kode_kecamatan, count(*) as tps, sum(dpt) as dpt, max(dpt) as maks,
        count(*) filter (where melebihi_kapasitas) as lebih
    from mart_tps
    where election_id = $election
    group by kode_kecamatan
),
kecamatan as (
    select * from mart_kecamatan where election_id = $election
)
select k.kode_kecamatan, k.kecamatan, s.kolom, s.kecamatan_nilai, s.dari_tps
from kecamatan k
left join baris b using (kode_kecamatan)
cross join lateral (values
    ('tps', case when k.ada_tps then k.tps end, b.tps),
    ('dpt_daftar_tps', k.dpt_daftar_tps, b.dpt),
    ('pemilih_per_tps_maks', k.pemilih_per_tps_maks, b.maks),
    ('tps_melebihi_kapasitas', k.tps_melebihi_kapasitas, b.lebih)
) s(kolom, kecamatan_nilai, dari_tps)
where s.kecamatan_nilai is distinct from s.dari_tps
order by k.kode_kecamatan, s.kolom
