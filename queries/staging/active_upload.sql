-- stg_active_upload: which upload is active per election, kind and kecamatan.
-- The covering upload with the highest activation wins (re-activating gives a new activation),
-- among the uploads the election draws on (stg_kontes_upload: its own, and the DPT, TPS and KTP-el
-- of the contests held on its day), so that one upload per kind and kecamatan is active for every
-- contest of one day and nothing is counted twice. A bupati or wali kota contest covers its
-- kab/kota only, a gubernur contest its province: DPT, TPS and KTP-el rows outside the contest's
-- region are not its data, whichever contest they were uploaded under.
-- kode_kecamatan '*' stands for rows that hold a kabupaten-wide figure (a kabupaten target).
-- params: -
select k.election_id, k.kind, c.kode_kecamatan, arg_max(k.upload_id, u.activation) as upload_id
from stg_kontes_upload k
join uploads u on u.upload_id = k.upload_id
join upload_coverage c on c.upload_id = k.upload_id
left join elections e on e.election_id = k.election_id
-- Problem sheets are merged into the inventory (readiness/masalah/), never versioned.
where k.kind <> 'masalah'
  and (k.kind = 'target'
       or coalesce(e.jenis, '') not in ('gubernur', 'bupati', 'walikota')
       or c.kode_kecamatan = e.kode_wilayah
       or starts_with(c.kode_kecamatan, e.kode_wilayah || '.'))
group by k.election_id, k.kind, c.kode_kecamatan
