-- stg_daftar_hari: the per-voter rows (no identity, see raw_daftar) of the active version, once per
-- day whose contests share them (`hari`, stg_hari_upload) — not once per contest, as stg_daftar
-- gives them. The voter-list audit (int_daftar_temuan) runs over these.
-- params: -
select a.hari, r.*
from raw_daftar r
join stg_hari_upload a
  on a.kind = 'daftar' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
