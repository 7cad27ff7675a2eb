-- stg_active_upload: which upload is active per election, kind and kecamatan.
-- The covering upload with the highest activation wins (re-activating gives a new activation).
-- DPT, TPS and KTP-el (`pemilih`, `daftar`, `tps`, `ktpel`) are shared by the contests held on one
-- day: their active upload is chosen once per day (stg_hari_upload) and given to each contest of
-- that day for its own region, so one upload per kind and kecamatan is active for every contest of
-- one day and nothing is counted twice. A bupati or wali kota contest covers its kab/kota only, a
-- gubernur contest its province: rows outside the contest's region are not its data, whichever
-- contest they were uploaded under. A target (`target`) is its contest's own.
-- kode_kecamatan '*' stands for rows that hold a kabupaten-wide figure (a kabupaten target).
-- params: -
select h.election_id, a.kind, a.kode_kecamatan, a.upload_id
from stg_hari_upload a
join stg_hari h on h.hari = a.hari
where coalesce(h.jenis, '') not in ('gubernur', 'bupati', 'walikota')
   or a.kode_kecamatan = h.kode_wilayah
   or starts_with(a.kode_kecamatan, h.kode_wilayah || '.')
union all
-- (Problem sheets are merged into the inventory, readiness/masalah/, never versioned.)
select u.election_id, u.kind, c.kode_kecamatan, arg_max(u.upload_id, u.activation) as upload_id
from uploads u
join upload_coverage c on c.upload_id = u.upload_id
where u.kind = 'target'
group by u.election_id, u.kind, c.kode_kecamatan
