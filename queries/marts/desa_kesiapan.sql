-- Readiness per desa of one kecamatan ($kecamatan null = every desa) for one election (int_desa):
-- DPT and where it comes from, the DPT each source gives and their difference, TPS and voters per
-- TPS against the capacity, KTP-el when the file has desa rows, each indicator's status and the
-- overall status. The rules are int_kesiapan's, the same as for the kecamatan.
-- params: election, kecamatan
select * exclude (election_id)
from int_desa
where election_id = $election and ($kecamatan is null or kode_kecamatan = $kecamatan)
order by kode_desa
