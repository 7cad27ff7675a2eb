-- The kab/kota level, for installations of a province or the nation (`init --wilayah 74`,
-- `init --wilayah nasional`): provinsi → kab/kota → kecamatan → desa/kelurahan.
--   ref_kabkota.jenis           kabupaten | kota (Kemendagri numbers a kabupaten 01–69, a kota 71–99)
--   ref_kecamatan.kode_kabkota  the kab/kota a kecamatan lies in ('74.06' of '74.06.05')
--   ref_kabkota_batas           the boundary of each kab/kota of the installation's region (none in a
--                               database made before: a kab/kota installation draws its kecamatan)
-- ref_kabkota keeps every kab/kota of the nation (a file naming another region is recognised by
-- it); the region's own are those whose code lies in wilayah.kode (view stg_kabkota).
alter table ref_kabkota add column if not exists jenis varchar;
update ref_kabkota set jenis = case
        when try_cast(split_part(kode, '.', 2) as integer) >= 71 then 'kota' else 'kabupaten' end
    where jenis is null;

alter table ref_kecamatan add column if not exists kode_kabkota varchar;
update ref_kecamatan set kode_kabkota = kode_kecamatan[1:5] where kode_kabkota is null;

create table if not exists ref_kabkota_batas (kode_kabkota varchar primary key, geometry json not null);
