-- Readiness per kecamatan for one election: figures, each indicator's status and the overall
-- status. Ordered by Kemendagri code.
-- Reads `kesiapan_kecamatan`: the rows of int_kecamatan for the election, evaluated once and kept
-- by readiness.model (`kesiapan_cursor`), as every readiness mart does.
-- params: election
select *
from kesiapan_kecamatan
where election_id = $election
order by kode_kecamatan
