-- Data completeness per kecamatan for one election: for each kind the active upload (its number,
-- null when that kind is missing for the kecamatan), how many of the four required kinds are
-- present and the completeness status (see int_kesiapan). The per-voter list is optional.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model).
-- params: election
with aktif as (
    select kode_kecamatan,
        max(upload_id) filter (where kind = 'pemilih') as unggahan_pemilih,
        max(upload_id) filter (where kind = 'tps')     as unggahan_tps,
        max(upload_id) filter (where kind = 'ktpel')   as unggahan_ktpel,
        max(upload_id) filter (where kind = 'target')  as unggahan_target,
        max(upload_id) filter (where kind = 'daftar')  as unggahan_daftar
    from stg_active_upload
    where election_id = $election
    group by all
)
select k.kode_kecamatan, k.kecamatan, k.korwil,
    a.unggahan_pemilih, a.unggahan_tps, a.unggahan_ktpel,
    -- A kabupaten-wide target (covered as '*') counts for every kecamatan.
    coalesce(a.unggahan_target, (select unggahan_target from aktif where kode_kecamatan = '*'))
        as unggahan_target,
    a.unggahan_daftar,
    k.ada_pemilih, k.ada_tps, k.ada_ktpel, k.ada_target, k.jumlah_jenis_data,
    k.status_kelengkapan
from kesiapan_kecamatan k
left join aktif a using (kode_kecamatan)
where k.election_id = $election
order by k.kode_kecamatan
