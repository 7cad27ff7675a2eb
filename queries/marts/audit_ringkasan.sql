-- The voter-list audit of one election (DESIGN.md `audit`): one row per kecamatan and finding type
-- that occurs — kode_kecamatan, kecamatan, temuan, jumlah (voter rows flagged; of a duplicate NIK
-- only the copies after the first). Counted and ordered (kecamatan code, then type) by the write
-- that changed the data: stored table temuan_ringkasan, queries/tersimpan, once per day whose
-- contests share the list; the election reads the rows of its kecamatan (stg_kontes_kecamatan).
-- params: election
select t.kode_kecamatan, t.kecamatan, t.temuan, t.jumlah
from temuan_ringkasan t
join stg_kontes_kecamatan k on k.hari = t.hari and k.kode_kecamatan = t.kode_kecamatan
where k.election_id = $election
order by t.urutan
