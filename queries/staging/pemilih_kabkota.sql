-- stg_pemilih_kabkota: the voter-recap figures of a whole kab/kota (a row of one kab/kota: KPU's
-- national recap, a kab/kota that sent only its total), per election and kab/kota, where they are
-- in force: its upload is the active one for the kab/kota's code (upload_coverage `74.06`) and no
-- upload of the same kind for any of its kecamatan was activated after it. Finer data that arrives
-- later replaces the total for that kab/kota only (marts/kabkota then sums its kecamatan); a total
-- activated again later is in force again. Nothing here is per kecamatan: stg_pemilih never holds
-- these rows, so no figure is counted at two levels.
-- Columns: election_id, kode_kabkota, tps, dpt_l, dpt_p, dpt, pemilih_pemula, disabilitas, upload_id.
-- params: -
with total as (
    select a.election_id, r.kode_kabkota, r.tps, r.dpt_l, r.dpt_p, r.dpt, r.pemilih_pemula, r.disabilitas,
           r.upload_id, u.activation
    from raw_pemilih r
    join stg_active_upload a
      on a.kind = 'pemilih' and a.upload_id = r.upload_id and a.kode_kecamatan = r.kode_kabkota
    join uploads u on u.upload_id = r.upload_id
    where r.kode_kecamatan is null and r.kode_kabkota is not null
),
rinci as (
    select a.election_id, c.kode_kabkota, max(u.activation) as activation
    from stg_active_upload a
    join uploads u on u.upload_id = a.upload_id
    join ref_kecamatan c on c.kode_kecamatan = a.kode_kecamatan
    where a.kind = 'pemilih'
    group by all
)
select t.election_id, t.kode_kabkota, t.tps, t.dpt_l, t.dpt_p, t.dpt, t.pemilih_pemula, t.disabilitas, t.upload_id
from total t
left join rinci f on f.election_id = t.election_id and f.kode_kabkota = t.kode_kabkota
where f.activation is null or f.activation < t.activation
