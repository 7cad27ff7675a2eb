-- The elections this installation knows, newest first, with their kind, region and TPS capacity,
-- and the active one flagged.
-- params: -
select e.election_id, e.nama, e.jenis, e.kode_wilayah, e.tanggal, e.kapasitas_tps,
    e.election_id = (select value from app_settings where key = 'active_election') as aktif
from elections e
order by e.tanggal desc
