-- The korwil assignment of one election: every kecamatan of the kabupaten with its korwil and
-- koordinator (null when not assigned), in Kemendagri code order, for the korwil editor.
-- params: election
select k.kode_kecamatan, k.kecamatan, w.korwil, w.koordinator
from ref_kecamatan k
left join korwil w on w.kode_kecamatan = k.kode_kecamatan and w.election_id = $election
order by k.kode_kecamatan
