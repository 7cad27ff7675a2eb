-- stg_target: participation targets of the active version; kode_kecamatan is null on the
-- kabupaten-wide row (covered as '*').
-- params: -
select a.election_id, r.*
from raw_target r
join stg_active_upload a
  on a.kind = 'target' and a.upload_id = r.upload_id
 and a.kode_kecamatan = coalesce(r.kode_kecamatan, '*')
