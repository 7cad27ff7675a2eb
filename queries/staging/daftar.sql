-- stg_daftar: the per-voter rows (no identity, see raw_daftar) of the active version, per election and kecamatan.
-- params: -
select a.election_id, r.*
from raw_daftar r
join stg_active_upload a
  on a.kind = 'daftar' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
