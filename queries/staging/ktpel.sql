-- stg_ktpel: the KTP-el recording rows of the active version, per election and kecamatan.
-- params: -
select a.election_id, r.*
from raw_ktpel r
join stg_active_upload a
  on a.kind = 'ktpel' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kecamatan
