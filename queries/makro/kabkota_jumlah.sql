-- Table macro kabkota_jumlah(pemilihan): each kab/kota of the region with kecamatan in
-- `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model), counted once:
-- its total where in force (a row of KPU's national recap: stg_pemilih_kabkota) for DPT, L, P and
-- TPS, else the sum of its kecamatan (missing when any of them lacks it); `dpt_rekap` the same
-- over the recaps' DPT alone; `rincian` 'rincian kecamatan belum ada' while the total stands and
-- none of its kecamatan has a DPT. The one place of this rule: marts/kabupaten, kabkota,
-- kabkota_nilai and provinsi read it. Created on the cursor that holds `kesiapan_kecamatan`
-- (readiness.model.kesiapan_cursor), since those rows are registered per cursor.
-- params: -
create or replace temp macro kabkota_jumlah(pemilihan) as table
with k as (
    select r.kode_kabkota, k.dpt, k.dpt_l, k.dpt_p, k.tps, k.dpt_rekap
    from kesiapan_kecamatan k
    join ref_kecamatan r using (kode_kecamatan)
    where k.election_id = pemilihan
),
t as (select * from stg_pemilih_kabkota where election_id = pemilihan)
select
    k.kode_kabkota,
    case when count(t.kode_kabkota) > 0 then any_value(t.dpt)
         when count(k.dpt) = count(*) then sum(k.dpt) end                       as dpt,
    case when count(t.kode_kabkota) > 0 then any_value(t.dpt_l)
         when count(k.dpt_l) = count(*) then sum(k.dpt_l) end                   as dpt_l,
    case when count(t.kode_kabkota) > 0 then any_value(t.dpt_p)
         when count(k.dpt_p) = count(*) then sum(k.dpt_p) end                   as dpt_p,
    case when any_value(t.tps) is not null then any_value(t.tps)
         when count(k.tps) = count(*) then sum(k.tps) end                       as tps,
    case when count(t.kode_kabkota) > 0 then any_value(t.dpt)
         when count(k.dpt_rekap) = count(*) then sum(k.dpt_rekap) end           as dpt_rekap,
    count(t.kode_kabkota) > 0                                                   as dari_total,
    case when count(t.kode_kabkota) > 0 and count(k.dpt) = 0
         then 'rincian kecamatan belum ada' end                                 as rincian
from k
left join t using (kode_kabkota)
group by k.kode_kabkota
