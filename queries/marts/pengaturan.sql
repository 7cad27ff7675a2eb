-- The settings in force (stg_settings) of one election as the Pengaturan page edits them: its TPS capacity, each
-- threshold and the kabupaten default target, and the per-kecamatan target overrides (keys
-- `target_partisipasi:<kode_kecamatan>`), each with the kecamatan name.
-- params: election
select 'kapasitas_tps' as key, kapasitas_tps::double as value, null as kode_kecamatan, null as kecamatan
from elections where election_id = $election
union all
select s.key, s.value,
    case when s.key like 'target_partisipasi:%' then substr(s.key, 20) end as kode_kecamatan,
    k.kecamatan
from stg_settings s
left join ref_kecamatan k on s.key = 'target_partisipasi:' || k.kode_kecamatan
where s.election_id = $election
order by key
