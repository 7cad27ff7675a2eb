-- Each election names its kind and its region, the region row its kind, and each kecamatan its
-- boundary, so that an installation can serve any kab/kota (`python -m readiness init --wilayah`).
--   elections.jenis         bupati | walikota | gubernur (older databases wrote 'pilkada' for all)
--   elections.kode_wilayah  the region it elects for: the installation's kab/kota ('74.06'), or its
--                           province ('74') for a gubernur election
--   wilayah.jenis           kabupaten | kota | provinsi: the words users read follow it (Bupati, Wali Kota)
--   ref_kecamatan_batas     each kecamatan's boundary, a GeoJSON geometry in [lon, lat]
alter table wilayah add column if not exists jenis varchar;
-- Kemendagri numbers a kab/kota 01–69 when it is a kabupaten, 71–99 when it is a kota.
update wilayah set jenis = case
        when tingkat <> 'kabkota' then tingkat
        when try_cast(split_part(kode, '.', 2) as integer) >= 71 then 'kota'
        else 'kabupaten' end
    where jenis is null;

alter table elections add column if not exists kode_wilayah varchar;
update elections set kode_wilayah = (select kode from wilayah limit 1) where kode_wilayah is null;
update elections set jenis = (
        select case jenis when 'kota' then 'walikota' when 'provinsi' then 'gubernur' else 'bupati' end
        from wilayah limit 1)
    where (jenis is null or jenis = 'pilkada') and exists (select 1 from wilayah);

create table if not exists ref_kecamatan_batas (kode_kecamatan varchar primary key, geometry json not null);
-- Older databases were all seeded from the curated reference/ (one kab/kota): its boundaries.
insert into ref_kecamatan_batas
    select f ->> '$.properties.kode_kecamatan', f -> '$.geometry'
    from (select unnest(json_extract(content, '$.features[*]')) as f
          from read_text(getvariable('referensi') || '/kecamatan.geojson'))
    where f ->> '$.properties.kode_kecamatan' in (select kode_kecamatan from ref_kecamatan)
      and not exists (select 1 from ref_kecamatan_batas);
