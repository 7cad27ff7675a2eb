-- The korwil assignment of one election in a province (or the nation): every kab/kota of the
-- election (stg_kontes_kecamatan: a bupati or wali kota contest its own) with its
-- korwil and koordinator (null when not assigned), in Kemendagri code order, for the korwil editor.
-- A kab/kota's kecamatan are all assigned together (readiness.model.penugasan), so any one of them
-- gives the kab/kota's korwil.
-- params: election
select b.kode_kabkota, b.kabkota, min(w.korwil) as korwil, min(w.koordinator) as koordinator
from stg_kabkota b
join ref_kecamatan k on k.kode_kabkota = b.kode_kabkota
join stg_kontes_kecamatan kk on kk.kode_kecamatan = k.kode_kecamatan and kk.election_id = $election
left join korwil w on w.kode_kecamatan = k.kode_kecamatan and w.election_id = $election
group by b.kode_kabkota, b.kabkota
order by b.kode_kabkota
