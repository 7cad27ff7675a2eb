-- stg_hari_upload: which upload of the kinds contests of one day share (`pemilih`, `daftar`, `tps`,
-- `ktpel`: see stg_kontes_upload) is active per day (`hari`, stg_hari), kind and covered code:
-- of every upload of that kind under a contest of that day, the covering one with the highest
-- activation. One row per day, not per contest: stg_active_upload gives each contest of the day
-- the rows of its own region, so every contest of one day reads the same upload per kecamatan.
-- params: -
with hari as (
    select distinct hari, tanggal from stg_hari
)
select h.hari, u.kind, c.kode_kecamatan, arg_max(u.upload_id, u.activation) as upload_id
from hari h
join elections asal on asal.tanggal = h.tanggal
join uploads u on u.election_id = asal.election_id
join upload_coverage c on c.upload_id = u.upload_id
where u.kind in ('pemilih', 'daftar', 'tps', 'ktpel')
group by h.hari, u.kind, c.kode_kecamatan
