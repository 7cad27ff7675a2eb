-- Rule: no kecamatan is counted twice across korwil, and none is left out. Every kecamatan has at
-- most one korwil in the election's assignment (`korwil`), and appears in exactly one korwil row
-- of mart_korwil (its `kecamatan` list; a kecamatan without a korwil sits in the row without a name).
-- Returns the kecamatan that break it: how many korwil it is assigned to and in how many rows it appears.
-- params: election
with
ditugaskan as (
    select k.kode_kecamatan, k.kecamatan, count(w.korwil) as jumlah_korwil
    from ref_kecamatan k
    left join korwil w on w.kode_kecamatan = k.kode_kecamatan and w.election_id = $election
    group by all
),
di_baris as (
    select trim(unnest(string_split(kecamatan, ','))) as kecamatan, korwil
    from mart_korwil
    where election_id = $election
)
select d.kode_kecamatan, d.kecamatan, d.jumlah_korwil,
    count(b.kecamatan) as jumlah_baris_korwil, string_agg(b.korwil, ', ') as korwil
from ditugaskan d
left join di_baris b using (kecamatan)
group by all
having d.jumlah_korwil > 1 or count(b.kecamatan) <> 1
order by d.kode_kecamatan
