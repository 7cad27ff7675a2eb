-- Voters who came (pengguna hak pilih) per TPS (lapor database): from the TPS's latest report that
-- carries them (pemungutan selesai or penghitungan selesai), so a correction replaces the figure.
-- params: election
select kode_kecamatan, kode_desa, no_tps, hadir_l, hadir_p, hadir_l + hadir_p as hadir, tahap, waktu, seq
from laporan
where election_id = $election and tahap in ('pemungutan_selesai', 'penghitungan_selesai')
  and hadir_l is not null and hadir_p is not null
qualify row_number() over (partition by kode_desa, no_tps order by seq desc) = 1
