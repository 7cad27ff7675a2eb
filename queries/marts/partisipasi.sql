-- Participation per kecamatan for one election: the target in force and where it comes from,
-- the previous election's turnout, the gap and its status (see int_kesiapan), and — once the
-- target file carries the number of voters who used their right (pengguna hak pilih) — the
-- realised turnout against DPT and its distance to the target. Missing figures stay null.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model).
-- params: election
with hak as (
    select kode_kecamatan,
        case when count(pengguna_hak_pilih) = count(*) then sum(pengguna_hak_pilih) end as pengguna_hak_pilih
    from stg_target
    where election_id = $election and kode_kecamatan is not null
    group by all
)
select k.kode_kecamatan, k.kecamatan, k.korwil, k.dpt, k.target_partisipasi, k.target_sumber,
    k.partisipasi_sebelumnya, k.selisih_partisipasi, k.t_partisipasi_hijau, k.t_partisipasi_kuning,
    k.status_partisipasi, h.pengguna_hak_pilih,
    round(100.0 * h.pengguna_hak_pilih / nullif(k.dpt, 0), 2)                        as partisipasi_realisasi,
    round(100.0 * h.pengguna_hak_pilih / nullif(k.dpt, 0) - k.target_partisipasi, 2) as selisih_realisasi
from kesiapan_kecamatan k
left join hak h using (kode_kecamatan)
where k.election_id = $election
order by k.kode_kecamatan
