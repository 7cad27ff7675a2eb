-- Incidents reported from TPS (lapor database): every report with a category that no later
-- correction replaced, open (`terbuka`) until an analyst marks it handled. Open ones first, newest first.
-- params: election
select l.seq, l.kode_kecamatan, l.kode_desa, l.no_tps, l.kategori, l.uraian, l.waktu, l.diterima, l.pelapor,
    s.seq is null as terbuka, s.waktu as selesai_waktu, s.oleh as selesai_oleh
from laporan l
left join kejadian_selesai s using (seq)
where l.election_id = $election and l.kategori is not null
  and not exists (select 1 from laporan n where n.menggantikan = l.seq)
order by terbuka desc, l.seq desc
