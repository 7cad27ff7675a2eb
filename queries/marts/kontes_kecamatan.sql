-- The kecamatan of one election (stg_kontes_kecamatan: a bupati or wali kota contest its kab/kota's,
-- a gubernur contest its province's), in Kemendagri code order: what its maps draw.
-- params: election
select kode_kecamatan
from stg_kontes_kecamatan
where election_id = $election
order by kode_kecamatan
