-- Where a national or provincial map puts its names, and the nation's province outlines:
--   ref_kabkota_batas.lon, lat   the kab/kota's point from the national reference (its centroid per
--                                reference/nasional/kabkota.csv.gz), where its name goes: the middle
--                                of its outline's box can lie on a neighbour (an island kab/kota)
--   ref_provinsi_batas           each province's outline, its kab/kota dissolved once by
--                                reference/build_provinsi.py (38 shapes where the kab/kota are 514),
--                                with the point its name goes; the nation's rakor slide maps its
--                                provinces from it. A province installation holds its own, a kab/kota
--                                installation none.
-- A database made before gets both here from reference/ (readiness.wilayah.seed for a new one).
alter table ref_kabkota_batas add column if not exists lon double;
alter table ref_kabkota_batas add column if not exists lat double;
update ref_kabkota_batas b set lon = c.lon::double, lat = c.lat::double
    from read_csv(getvariable('referensi') || '/nasional/kabkota.csv.gz', header = true, all_varchar = true) c
    where c.kode_kabkota = b.kode_kabkota and c.lon <> '' and c.lat <> '';

create table if not exists ref_provinsi_batas (kode_provinsi varchar primary key, lon double, lat double,
    geometry json not null);
insert into ref_provinsi_batas
    select f ->> '$.properties.kode_provinsi', (f ->> '$.properties.lon')::double,
        (f ->> '$.properties.lat')::double, f -> '$.geometry'
    from (select unnest(json_extract(json, '$.features[*]')) as f
          from read_json_objects(getvariable('referensi') || '/nasional/batas/provinsi/*.geojson.gz',
                                 compression = 'gzip'))
    where exists (select 1 from wilayah w
                  where w.tingkat = 'nasional'
                     or (w.tingkat = 'provinsi' and w.kode = f ->> '$.properties.kode_provinsi'))
    order by 1;
