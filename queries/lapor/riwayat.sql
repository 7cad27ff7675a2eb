-- Every report of one TPS (lapor database), newest first: stage, time reported and received, voters
-- who came, incident, who sent it, and which earlier report it corrects (`menggantikan`).
-- `berlaku` is false for a report a later one of the same stage replaced.
-- params: election, kode_desa, no_tps
select l.seq, l.diterima, l.tahap, l.waktu, l.hadir_l, l.hadir_p, l.hadir_l + l.hadir_p as hadir,
    l.kategori, l.uraian, l.pelapor, l.sumber, l.menggantikan,
    not exists (select 1 from laporan n where n.menggantikan = l.seq) as berlaku,
    s.waktu as selesai_waktu
from laporan l
left join kejadian_selesai s using (seq)
where l.election_id = $election and l.kode_desa = $kode_desa and l.no_tps = $no_tps
order by l.seq desc
