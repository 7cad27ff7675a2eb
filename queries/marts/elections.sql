-- The elections this installation knows, newest first (the contests of one day the widest region
-- first, then by name), with their kind, region and TPS capacity, the active one flagged, and the
-- installation's own region (kode_instalasi).
-- params: -
select e.election_id, e.nama, e.jenis, e.kode_wilayah, e.tanggal, e.kapasitas_tps,
    e.election_id = (select value from app_settings where key = 'active_election') as aktif,
    (select kode from wilayah limit 1) as kode_instalasi
from elections e
order by e.tanggal desc, length(e.kode_wilayah), e.nama
