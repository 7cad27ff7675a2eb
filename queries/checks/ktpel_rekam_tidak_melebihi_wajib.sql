-- Rule: KTP-el recorded never exceeds those required to record (ktpel_rekam <= ktpel_wajib), and the
-- coverage shown is recorded / required in percent, rounded to 2 decimals — for every kecamatan and
-- desa (int_kesiapan), korwil row and the kabupaten row.
-- Returns the units that break it.
-- params: election
with semua as (
    select tingkat, kode, coalesce(desa, kecamatan) as nama, ktpel_wajib, ktpel_rekam, ktpel_persen
    from int_kesiapan
    where election_id = $election
    union all
    select 'korwil', korwil, korwil, ktpel_wajib, ktpel_rekam, ktpel_persen from mart_korwil where election_id = $election
    union all
    select 'kabupaten', election_id, pemilihan, ktpel_wajib, ktpel_rekam, ktpel_persen
    from mart_kabupaten where election_id = $election
)
select *
from semua
where ktpel_rekam > ktpel_wajib
   or ktpel_persen is distinct from round(100.0 * ktpel_rekam / nullif(ktpel_wajib, 0), 2)
order by tingkat, kode
