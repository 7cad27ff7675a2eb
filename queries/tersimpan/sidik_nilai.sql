-- What the stored table nilai_hari depends on, as one fingerprint: which upload of the kinds the
-- contests of one day share is active per day and covered code (stg_hari_upload), and the days
-- with their TPS capacity (stg_hari). readiness.db rebuilds nilai_hari when it differs from the one
-- it was built with (kept in meta 'tersimpan_sidik_nilai', with the definitions' hash). A target,
-- a threshold or a korwil does not change it: those are each contest's own.
-- params: -
select md5(coalesce(string_agg(x, '|' order by x), '')) as sidik
from (
    select 'u:' || hari || ':' || kind || ':' || kode_kecamatan || ':' || upload_id as x from stg_hari_upload
    union all
    select distinct 'h:' || hari from stg_hari
)
