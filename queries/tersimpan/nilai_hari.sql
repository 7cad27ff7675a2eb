-- Stored table `nilai_hari`: the readiness figures that do not depend on the contest, once per day
-- whose contests share one DPT, one set of TPS and one KTP-el recording (`hari`, stg_hari), per
-- kecamatan (tingkat 'kecamatan', kode = kode_kecamatan) and per desa (tingkat 'desa', kode =
-- kode_desa): the DPT, L, P and TPS of the recap (rekap_*), of the TPS list (tps_*, with voters per
-- TPS and the TPS above the day's capacity) and of the per-voter list (daftar_*), and KTP-el
-- recording (ktpel_*), from the uploads active that day (stg_hari_upload). Every contest of the day
-- reads its own region's rows of this one table (int_kesiapan_nilai); what is the contest's own —
-- target, previous turnout, thresholds, korwil, problems — is joined there. Rebuilt by
-- readiness.db inside the write that changes what it depends on (tersimpan/sidik_nilai).
-- A kecamatan's figure includes rows without a desa, and rows naming a desa of another kecamatan;
-- such rows belong to no desa. A sum over rows is only a figure when every row has the value; else
-- it is missing (null, never 0).
-- params: -
with
tingkatan(tingkat) as (values ('kecamatan'), ('desa')),
hari as (
    select distinct hari, kapasitas_tps from stg_hari
),
aktif as (
    select a.hari, a.kind, a.kode_kecamatan, a.upload_id from stg_hari_upload a
),
rekap as (
    select a.hari, r.kode_kecamatan, l.tingkat,
        if(l.tingkat = 'kecamatan', r.kode_kecamatan, r.kode_desa)         as kode,
        case when count(r.dpt) = count(*) then sum(r.dpt) end               as rekap_dpt,
        case when count(r.dpt_l) = count(*) then sum(r.dpt_l) end           as rekap_dpt_l,
        case when count(r.dpt_p) = count(*) then sum(r.dpt_p) end           as rekap_dpt_p,
        case when count(r.tps) = count(*) then sum(r.tps) end               as rekap_tps
    from raw_pemilih r
    join aktif a on a.kind = 'pemilih' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
    cross join tingkatan l
    group by all
),
tpsl as (
    select a.hari, t.kode_kecamatan, l.tingkat,
        if(l.tingkat = 'kecamatan', t.kode_kecamatan, t.kode_desa)         as kode,
        count(*)                                                           as tps_tps,
        case when count(t.dpt) = count(*) then sum(t.dpt) end              as tps_dpt,
        case when count(t.dpt_l) = count(*) then sum(t.dpt_l) end          as tps_dpt_l,
        case when count(t.dpt_p) = count(*) then sum(t.dpt_p) end          as tps_dpt_p,
        max(t.dpt)                                                         as tps_maks,
        avg(t.dpt)                                                         as tps_rata,
        count(*) filter (where t.dpt > h.kapasitas_tps)                    as tps_lebih
    from raw_tps t
    join aktif a on a.kind = 'tps' and a.upload_id = t.upload_id and a.kode_kecamatan = t.kode_kecamatan
    join hari h on h.hari = a.hari
    cross join tingkatan l
    group by a.hari, h.kapasitas_tps, t.kode_kecamatan, l.tingkat, kode
),
-- Counted per TPS first, then per desa and kecamatan: the same figures as counting voter rows
-- directly, but the TPS count runs over ~2.000 groups instead of ~870.000 rows.
daftar_tps as (
    select hari, kode_kecamatan, kode_desa, tps,
        count(*)                                   as dpt,
        count(*) filter (where jk = 'L')           as dpt_l,
        count(*) filter (where jk = 'P')           as dpt_p
    from stg_daftar_hari
    group by all
),
daftar as (
    select hari, kode_kecamatan, tingkat,
        if(tingkat = 'kecamatan', kode_kecamatan, kode_desa)               as kode,
        sum(dpt)::bigint                                                   as daftar_dpt,
        sum(dpt_l)::bigint                                                 as daftar_dpt_l,
        sum(dpt_p)::bigint                                                 as daftar_dpt_p,
        count(*)                                                           as daftar_tps
    from daftar_tps, tingkatan
    group by all
),
ktpel as (
    select a.hari, r.kode_kecamatan, l.tingkat,
        if(l.tingkat = 'kecamatan', r.kode_kecamatan, r.kode_desa)         as kode,
        case when count(r.wajib_ktpel) = count(*) then sum(r.wajib_ktpel) end as ktpel_wajib,
        case when count(r.sudah_rekam) = count(*) then sum(r.sudah_rekam) end as ktpel_rekam,
        max(r.tanggal)                                                     as ktpel_tanggal
    from raw_ktpel r
    join aktif a on a.kind = 'ktpel' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
    cross join tingkatan l
    group by all
),
kunci as (
    select hari, tingkat, kode_kecamatan, kode from rekap
    union select hari, tingkat, kode_kecamatan, kode from tpsl
    union select hari, tingkat, kode_kecamatan, kode from daftar
    union select hari, tingkat, kode_kecamatan, kode from ktpel
)
select k.hari, k.tingkat, k.kode_kecamatan, k.kode,
    rekap.* exclude (hari, tingkat, kode_kecamatan, kode),
    tpsl.* exclude (hari, tingkat, kode_kecamatan, kode),
    daftar.* exclude (hari, tingkat, kode_kecamatan, kode),
    ktpel.* exclude (hari, tingkat, kode_kecamatan, kode)
from kunci k
left join rekap  using (hari, tingkat, kode_kecamatan, kode)
left join tpsl   using (hari, tingkat, kode_kecamatan, kode)
left join daftar using (hari, tingkat, kode_kecamatan, kode)
left join ktpel  using (hari, tingkat, kode_kecamatan, kode)
where k.kode is not null
order by k.hari, k.tingkat, k.kode
