-- stg_kontes_kecamatan: the kecamatan each election (contest) is held in, with its day (`hari`,
-- stg_hari): a bupati or wali kota contest its kab/kota's, a gubernur contest its province's; any
-- other election (a kab/kota installation's own before contests had a region, the nation's
-- simultaneous elections) every kecamatan of the installation. Its pages, tables, pickers and
-- maps list these and no others.
-- params: -
select h.election_id, h.hari, k.kode_kecamatan
from stg_hari h
join ref_kecamatan k
  on coalesce(h.jenis, '') not in ('gubernur', 'bupati', 'walikota')
  or starts_with(k.kode_kecamatan, h.kode_wilayah || '.')
