-- stg_active_upload: which upload is active per election, kind and kecamatan.
-- The covering upload with the highest activation wins (re-activating gives a new activation).
-- kode_kecamatan '*' stands for rows that hold a kabupaten-wide figure (a kabupaten target).
-- params: -
select u.election_id, u.kind, c.kode_kecamatan, arg_max(u.upload_id, u.activation) as upload_id
from uploads u
join upload_coverage c on c.upload_id = u.upload_id
-- Problem sheets are merged into the inventory (readiness/masalah/), never versioned.
where u.kind <> 'masalah'
group by u.election_id, u.kind, c.kode_kecamatan
