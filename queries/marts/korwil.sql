-- Readiness per koordinator wilayah (korwil) for one election: summed figures (missing when any
-- of its kecamatan lacks them), counts of kecamatan per status, and the worst status.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model).
-- params: election
select
    korwil,
    any_value(koordinator)                                                     as koordinator,
    count(*)                                                                   as jumlah_kecamatan,
    case when count(dpt) = count(*) then sum(dpt) end                          as dpt,
    case when count(dpt_l) = count(*) then sum(dpt_l) end                      as dpt_l,
    case when count(dpt_p) = count(*) then sum(dpt_p) end                      as dpt_p,
    case when count(tps) = count(*) then sum(tps) end                          as tps,
    case when count(ktpel_wajib) = count(*) then sum(ktpel_wajib) end          as ktpel_wajib,
    case when count(ktpel_rekam) = count(*) then sum(ktpel_rekam) end          as ktpel_rekam,
    case when count(ktpel_wajib) = count(*)
         then round(100.0 * sum(ktpel_rekam) / nullif(sum(ktpel_wajib), 0), 2) end as ktpel_persen,
    sum(tps_melebihi_kapasitas)                                                as tps_melebihi_kapasitas,
    count(*) filter (where status = 'hijau')                                   as jumlah_hijau,
    count(*) filter (where status = 'kuning')                                  as jumlah_kuning,
    count(*) filter (where status = 'merah')                                   as jumlah_merah,
    case when count(*) filter (where status = 'merah') > 0 then 'merah'
         when count(*) filter (where status = 'kuning') > 0 then 'kuning'
         else 'hijau' end                                                      as status,
    string_agg(kecamatan, ', ' order by kode_kecamatan)                        as kecamatan
from kesiapan_kecamatan
where election_id = $election
group by korwil
order by korwil
