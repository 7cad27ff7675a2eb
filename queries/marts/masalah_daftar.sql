-- The inventory of problems of one election (table `masalah`), newest first: where (kecamatan,
-- korwil, desa, TPS), what (category, description, reporter, date), current severity and status,
-- and its follow-up history summed up (notes written, the latest note and when it was changed).
-- params: election
select m.masalah_id, m.kode_kecamatan, k.kecamatan, w.korwil, w.koordinator, m.kode_desa, d.desa, m.no_tps,
    m.kategori, m.uraian, m.pelapor, m.tanggal, m.tingkat, m.status, m.status <> 'selesai' as terbuka,
    m.sumber, m.dibuat_oleh, m.dibuat_pada, m.diubah_pada,
    (select count(*) from masalah_riwayat r where r.masalah_id = m.masalah_id and r.catatan is not null) as jumlah_catatan,
    (select arg_max(r.catatan, r.riwayat_id) from masalah_riwayat r
      where r.masalah_id = m.masalah_id and r.catatan is not null) as catatan_terakhir
from masalah m
join ref_kecamatan k using (kode_kecamatan)
left join korwil w on w.election_id = m.election_id and w.kode_kecamatan = m.kode_kecamatan
left join ref_desa d on d.kode_desa = m.kode_desa
where m.election_id = $election
order by m.tanggal desc, m.masalah_id desc
