-- Readiness per koordinator wilayah (korwil) for one election: summed figures (missing when any
-- of its kecamatan lacks them), counts of kecamatan per status, and the worst status.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model), summed by
-- the aggregate macros of queries/makro/jumlah.sql.
-- params: election
select
    korwil,
    any_value(koordinator)                                                     as koordinator,
    count(*)                                                                   as jumlah_kecamatan,
    jumlah_lengkap(dpt)                                                        as dpt,
    jumlah_lengkap(dpt_l)                                                      as dpt_l,
    jumlah_lengkap(dpt_p)                                                      as dpt_p,
    jumlah_lengkap(tps)                                                        as tps,
    jumlah_lengkap(ktpel_wajib)                                                as ktpel_wajib,
    jumlah_lengkap(ktpel_rekam)                                                as ktpel_rekam,
    persen_lengkap(ktpel_rekam, ktpel_wajib)                                   as ktpel_persen,
    sum(tps_melebihi_kapasitas)                                                as tps_melebihi_kapasitas,
    count(*) filter (where status = 'hijau')                                   as jumlah_hijau,
    count(*) filter (where status = 'kuning')                                  as jumlah_kuning,
    count(*) filter (where status = 'merah')                                   as jumlah_merah,
    status_terburuk(status)                                                    as status,
    string_agg(kecamatan, ', ' order by kode_kecamatan)                        as kecamatan
from kesiapan_kecamatan
where election_id = $election
group by korwil
order by korwil
