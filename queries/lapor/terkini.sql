-- The report in force per TPS and stage (lapor database): the latest received (highest seq);
-- earlier ones stay in the table as history. Incident-only reports are not stages.
-- params: election
select seq, kode_kecamatan, kode_desa, no_tps, tahap, waktu, diterima, pelapor
from laporan
where election_id = $election and tahap <> 'kejadian'
qualify row_number() over (partition by kode_desa, no_tps, tahap order by seq desc) = 1
