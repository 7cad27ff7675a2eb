-- The voter groups of marts/pemilih_desa summed per kecamatan, counted in SQL so that a view of the
-- whole region never fetches every desa: from the active per-voter lists (stored table
-- kelompok_desa) voters, L/P, pemilih pemula, disabilitas per category, KTP-el not yet recorded;
-- from the recap its own pemilih pemula/disabilitas columns. Every kecamatan of the region, null
-- where none of its desa has the figure (never 0) — as the desa rows summed.
-- params: election
with daftar as (
    select r.kode_kecamatan,
        sum(pemilih) as daftar_dpt, sum(pemilih_l) as daftar_l, sum(pemilih_p) as daftar_p,
        sum(pemula) as pemula, sum(pemula_l) as pemula_l, sum(pemula_p) as pemula_p,
        sum(tanpa_tgl_lahir) as tanpa_tgl_lahir, sum(disabilitas) as disabilitas,
        sum(dis_fisik) as dis_fisik, sum(dis_intelektual) as dis_intelektual, sum(dis_mental) as dis_mental,
        sum(dis_wicara) as dis_wicara, sum(dis_rungu) as dis_rungu, sum(dis_netra) as dis_netra,
        sum(ktpel_belum_rekam) as ktpel_belum_rekam
    from kelompok_desa k
    join ref_desa r using (kode_desa)
    where election_id = $election
    group by all
),
rekap_desa as (
    -- per desa as marts/pemilih_desa: a figure only where every row of the desa has it
    select r.kode_kecamatan, p.kode_desa,
        case when count(pemilih_pemula) = count(*) then sum(pemilih_pemula) end as pemula_rekap,
        case when count(p.disabilitas) = count(*) then sum(p.disabilitas) end    as disabilitas_rekap
    from stg_pemilih p
    join ref_desa r using (kode_desa)
    where election_id = $election
    group by all
),
rekap as (
    select kode_kecamatan, sum(pemula_rekap) as pemula_rekap, sum(disabilitas_rekap) as disabilitas_rekap
    from rekap_desa
    group by all
)
select k.kode_kecamatan, k.kecamatan, daftar.* exclude (kode_kecamatan), rekap.* exclude (kode_kecamatan)
from ref_kecamatan k
left join daftar using (kode_kecamatan)
left join rekap using (kode_kecamatan)
order by k.kode_kecamatan
