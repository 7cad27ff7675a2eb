-- The voter-list audit of one election (DESIGN.md `audit`): one row per kecamatan and finding type
-- that occurs — kode_kecamatan, kecamatan, temuan, jumlah (voter rows flagged; of a duplicate NIK
-- only the copies after the first). Counted and ordered (kecamatan code, then type) by the write
-- that changed the data: stored table temuan_ringkasan, queries/tersimpan.
-- params: election
select kode_kecamatan, kecamatan, temuan, jumlah
from temuan_ringkasan
where election_id = $election
order by urutan
