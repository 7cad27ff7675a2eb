-- The region this installation serves, as data: a file that names another region is refused
-- (readiness/wilayah.py). Kecamatan names repeat across Indonesia (Lumbang, Kuripan, Sumber), so
-- a name alone cannot tell that a file belongs to another kab/kota.
--   ref_kabkota  every kabupaten/kota with its province (reference/kabkota.csv: Kepmendagri
--                300.2.2-2430/2025 (the file header names 2138), 38 provinsi, 514 kab/kota), read from the reference folder
--                readiness.db passes as the variable `referensi`
--   wilayah      one row: the installation's region. kode '35.13' (a kab/kota) or '35' (a
--                province); nama as shown to users ('Kabupaten Probolinggo', 'Provinsi Jawa Timur');
--                tingkat 'kabkota' | 'provinsi'; its province's code and name
create table if not exists ref_kabkota (kode varchar primary key, nama varchar not null,
    kode_provinsi varchar not null, provinsi varchar not null);
insert into ref_kabkota
    select kode, nama, kode_provinsi, provinsi
    from read_csv(getvariable('referensi') || '/kabkota.csv', header = true, all_varchar = true)
    where not exists (select 1 from ref_kabkota);

create table if not exists wilayah (kode varchar not null, nama varchar not null, tingkat varchar not null,
    kode_provinsi varchar, provinsi varchar);
-- Until now the region was implicit in the kecamatan seeded from reference/: the kab/kota all of
-- them lie in, else the province all of them lie in.
insert into wilayah
    with kec as (
        select count(distinct kode_kecamatan[1:5]) as kabkota, count(distinct kode_kecamatan[1:2]) as provinsi,
               min(kode_kecamatan[1:5]) as kode_kabkota, min(kode_kecamatan[1:2]) as kode_provinsi
        from ref_kecamatan
    ), provinsi as (
        select distinct kode_provinsi, provinsi from ref_kabkota
    )
    select k.kode, k.nama, 'kabkota', k.kode_provinsi, k.provinsi
    from kec join ref_kabkota k on k.kode = kec.kode_kabkota
    where kec.kabkota = 1 and not exists (select 1 from wilayah)
    union all
    select p.kode_provinsi, 'Provinsi ' || p.provinsi, 'provinsi', p.kode_provinsi, p.provinsi
    from kec join provinsi p on p.kode_provinsi = kec.kode_provinsi
    where kec.kabkota > 1 and kec.provinsi = 1 and not exists (select 1 from wilayah);
