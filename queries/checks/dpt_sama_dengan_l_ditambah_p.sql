-- Rule: DPT = L + P wherever all three are known: every kecamatan and desa (int_kesiapan), every
-- korwil row and the kabupaten row.
-- Returns the units that break it.
-- params: election
with semua as (
    select tingkat, kode, coalesce(desa, kecamatan) as nama, dpt, dpt_l, dpt_p
    from int_kesiapan
    where election_id = $election
    union all
    select 'korwil', korwil, korwil, dpt, dpt_l, dpt_p from mart_korwil where election_id = $election
    union all
    select 'kabupaten', election_id, pemilihan, dpt, dpt_l, dpt_p from mart_kabupaten where election_id = $election
)
select *
from semua
where dpt <> dpt_l + dpt_p
order by tingkat, kode
