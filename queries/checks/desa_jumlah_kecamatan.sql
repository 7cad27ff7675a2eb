-- Rule: the desa of a kecamatan add up to the kecamatan, source by source, wherever that source
-- names a desa on every one of its rows for the kecamatan: DPT of the recap, DPT and TPS over
-- capacity of the TPS list, DPT of the per-voter list; and the DPT, L and P shown, whenever every desa
-- takes them from the source the kecamatan takes them from (int_kesiapan, both levels). A recap sent
-- per kecamatan has no desa rows, so its desa show another source's figures: nothing to add up there.
-- Returns one row per kecamatan and figure that does not add up.
-- params: election
with
tanpa_desa as (
    select distinct kode_kecamatan, 'rekap' as sumber
    from stg_pemilih where election_id = $election and kode_desa is null
    union all
    select distinct kode_kecamatan, 'daftar TPS' from stg_tps where election_id = $election and kode_desa is null
    union all
    select distinct kode_kecamatan, 'daftar pemilih' from stg_daftar where election_id = $election and kode_desa is null
),
kecamatan as (
    select * from int_kesiapan where election_id = $election and tingkat = 'kecamatan'
),
desa as (
    select d.kode_kecamatan,
        sum(d.dpt_rekap)                                             as dpt_rekap,
        sum(d.dpt_daftar_tps)                                        as dpt_daftar_tps,
        sum(d.tps_melebihi_kapasitas)                                as tps_melebihi_kapasitas,
        sum(d.dpt_daftar_pemilih)                                    as dpt_daftar_pemilih,
        sum(d.dpt) as dpt, sum(d.dpt_l) as dpt_l, sum(d.dpt_p) as dpt_p,
        bool_and(d.dpt_sumber is not distinct from k.dpt_sumber)     as sumber_sama
    from int_kesiapan d
    join kecamatan k using (kode_kecamatan)
    where d.election_id = $election and d.tingkat = 'desa'
    group by d.kode_kecamatan
),
banding as (
    select k.kode_kecamatan, k.kecamatan, s.sumber, s.kolom, s.kecamatan_nilai, s.jumlah_desa
    from kecamatan k
    join desa d using (kode_kecamatan)
    cross join lateral (values
        ('rekap', 'dpt_rekap', k.dpt_rekap, d.dpt_rekap),
        ('daftar TPS', 'dpt_daftar_tps', k.dpt_daftar_tps, d.dpt_daftar_tps),
        ('daftar TPS', 'tps_melebihi_kapasitas', k.tps_melebihi_kapasitas, d.tps_melebihi_kapasitas),
        ('daftar pemilih', 'dpt_daftar_pemilih', k.dpt_daftar_pemilih, d.dpt_daftar_pemilih),
        (k.dpt_sumber, 'dpt', k.dpt, case when d.sumber_sama then d.dpt end),
        (k.dpt_sumber, 'dpt_l', k.dpt_l, case when d.sumber_sama then d.dpt_l end),
        (k.dpt_sumber, 'dpt_p', k.dpt_p, case when d.sumber_sama then d.dpt_p end)
    ) s(sumber, kolom, kecamatan_nilai, jumlah_desa)
    where s.kecamatan_nilai is not null
      and (s.kolom not in ('dpt', 'dpt_l', 'dpt_p') or d.sumber_sama)
)
select b.*
from banding b
where b.kecamatan_nilai is distinct from b.jumlah_desa
  and not exists (select 1 from tanpa_desa t where t.kode_kecamatan = b.kode_kecamatan and t.sumber = b.sumber)
order by b.kode_kecamatan, b.kolom
