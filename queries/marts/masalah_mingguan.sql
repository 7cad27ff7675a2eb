-- The weekly problem report (for the Pj Bupati): every problem of one election that was open at
-- some time in the week [$awal, $akhir) — reported before the week ended and not closed before it
-- began — with its status, severity and latest note as they stood at the week's end (from the
-- history), whether it was reported or closed in that week, and its korwil.
-- params: election, awal, akhir
with r as (
    select masalah_id,
        arg_max(status_sesudah, riwayat_id) filter (where waktu < $akhir)                as status_akhir,
        arg_max(status_sesudah, riwayat_id) filter (where waktu < $awal)                 as status_awal,
        arg_min(status_sesudah, riwayat_id)                                              as status_pertama,
        arg_max(tingkat_sesudah, riwayat_id) filter (where waktu < $akhir)               as tingkat_akhir,
        arg_min(tingkat_sesudah, riwayat_id)                                             as tingkat_pertama,
        arg_max(catatan, riwayat_id) filter (where catatan is not null and waktu < $akhir) as catatan_terakhir,
        -- Closed in the week: a change to selesai recorded in it; a problem that arrived already
        -- closed (an uploaded sheet) counts only when it was also reported in that week.
        bool_or(h.status_sesudah = 'selesai' and coalesce(h.status_sebelum, '') <> 'selesai'
                and h.waktu >= $awal and h.waktu < $akhir
                and (h.status_sebelum is not null or m.tanggal >= cast($awal as date)))  as selesai_minggu_ini
    from masalah_riwayat h
    join masalah m using (masalah_id)
    group by masalah_id
)
select m.masalah_id, m.kode_kecamatan, k.kecamatan, w.korwil, w.koordinator, d.desa, m.no_tps, m.kategori,
    m.uraian, m.pelapor, m.tanggal,
    coalesce(r.tingkat_akhir, r.tingkat_pertama)       as tingkat,
    coalesce(r.status_akhir, r.status_pertama)         as status,
    r.catatan_terakhir,
    m.tanggal >= cast($awal as date)                   as baru_minggu_ini,
    coalesce(r.selesai_minggu_ini, false)              as selesai_minggu_ini
from masalah m
join r using (masalah_id)
join ref_kecamatan k using (kode_kecamatan)
left join korwil w on w.election_id = m.election_id and w.kode_kecamatan = m.kode_kecamatan
left join ref_desa d on d.kode_desa = m.kode_desa
where m.election_id = $election
  and m.tanggal < cast($akhir as date)
  and coalesce(r.status_awal, '') <> 'selesai'
order by w.korwil, k.kecamatan, m.tanggal, m.masalah_id
