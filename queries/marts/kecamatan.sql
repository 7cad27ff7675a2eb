-- Readiness per kecamatan for one election: figures, each indicator's status and the overall
-- status (see int_kecamatan). Ordered by Kemendagri code.
-- params: election
select *
from int_kecamatan
where election_id = $election
order by kode_kecamatan
