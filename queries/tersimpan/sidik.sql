-- What the stored tables of this folder depend on, as one fingerprint: which per-voter list is
-- active for which kecamatan of which election and in which order they were activated, each election's date and TPS capacity, and the
-- pemula age settings. readiness.db rebuilds the stored tables when it differs from the one they
-- were built with (kept in meta 'tersimpan_sidik', together with the definitions' hash).
-- params: -
select md5(coalesce(string_agg(x, '|' order by x), '')) as sidik
from (
    -- the activation too: the first of duplicated NIKs is the one in the earliest activated list
    select 'u:' || a.election_id || ':' || a.kode_kecamatan || ':' || a.upload_id || ':' || u.activation as x
    from stg_active_upload a join uploads u using (upload_id) where a.kind = 'daftar'
    union all
    select 'e:' || election_id || ':' || tanggal || ':' || kapasitas_tps from elections
    union all
    select 's:' || election_id || ':' || key || ':' || value from settings where key like 'pemula_usia_%'
)
