-- stg_pemilih: the voter-recap rows of the active version, per election and kecamatan.
-- params: -
select a.election_id, r.*
from raw_pemilih r
join stg_active_upload a
  on a.kind = 'pemilih' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
