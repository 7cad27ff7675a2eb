-- Rule: a status is the worst of what it rolls up — a kecamatan's and a desa's status is the worst of
-- its indicator statuses present (int_kesiapan; missing when none is), and the status shown in
-- mart_kecamatan and mart_desa_kesiapan is that one; a korwil's and the kabupaten's status is the
-- worst of their kecamatan's statuses.
-- Returns the units that break it, with the status shown and the worst found.
-- params: election
with
peringkat(status, nilai) as (values ('hijau', 1), ('kuning', 2), ('merah', 3)),
indikator as (
    select tingkat, kode, coalesce(desa, kecamatan) as nama, status, unnest([status_tps, status_ktpel,
        status_partisipasi, status_kelengkapan, status_konsistensi, status_masalah]) as status_indikator
    from int_kesiapan
    where election_id = $election
),
unit as (
    select i.tingkat, i.kode, i.nama, i.status, max(p.nilai) as terburuk
    from indikator i
    left join peringkat p on p.status = i.status_indikator
    group by all
),
ditampilkan as (
    select 'kecamatan' as tingkat, kode_kecamatan as kode, status from mart_kecamatan where election_id = $election
    union all
    select 'desa', kode_desa, status from mart_desa_kesiapan where election_id = $election
),
gabungan as (
    select k.korwil, p.nilai
    from mart_kecamatan k join peringkat p using (status)
    where k.election_id = $election
),
semua as (
    select u.tingkat, u.kode, u.nama, u.status, p.status as terburuk
    from unit u left join peringkat p on p.nilai = u.terburuk
    union all
    -- the status shown is the status of the model
    select d.tingkat, d.kode, u.nama, d.status, u.status
    from ditampilkan d left join unit u using (tingkat, kode)
    union all
    select 'korwil', r.korwil, r.korwil, r.status,
        (select p.status from peringkat p
         where p.nilai = (select max(g.nilai) from gabungan g where g.korwil is not distinct from r.korwil))
    from mart_korwil r
    where r.election_id = $election
    union all
    select 'kabupaten', b.election_id, b.pemilihan, b.status,
        (select p.status from peringkat p where p.nilai = (select max(g.nilai) from gabungan g))
    from mart_kabupaten b
    where b.election_id = $election
)
select *
from semua
where status is distinct from terburuk
order by tingkat, kode
