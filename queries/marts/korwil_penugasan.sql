-- The korwil assignment of one election: every kecamatan of the election (stg_kontes_kecamatan: a
-- bupati or wali kota contest its kab/kota's) with its korwil and koordinator (null when not
-- assigned), in Kemendagri code order, for the korwil editor and the walk's choice lists.
-- params: election
select k.kode_kecamatan, k.kecamatan, w.korwil, w.koordinator
from ref_kecamatan k
join stg_kontes_kecamatan kk on kk.kode_kecamatan = k.kode_kecamatan and kk.election_id = $election
left join korwil w on w.kode_kecamatan = k.kode_kecamatan and w.election_id = $election
order by k.kode_kecamatan
