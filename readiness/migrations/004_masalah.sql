-- Inventory of problems (inventarisasi permasalahan): what camat/OPD monitors report per
-- kecamatan (optionally desa and TPS), entered through the form on the Permasalahan page or
-- uploaded as an Excel sheet (kind `masalah`). `status` is the current status (the slides, the
-- readiness reasons and the marts read it); every change of status or severity and every
-- follow-up note is appended to `masalah_riwayat` — nothing there is ever updated or deleted.
create sequence if not exists masalah_id_seq start 1;
create table if not exists masalah (
    masalah_id integer not null default nextval('masalah_id_seq'),
    election_id varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar,                  -- optional: a desa of that kecamatan
    no_tps varchar,                     -- optional: TPS number within the desa
    kategori varchar not null,          -- code, see readiness.masalah.KATEGORI
    uraian varchar not null,            -- description as written
    pelapor varchar,                    -- who reported it (camat, OPD, name as written)
    tanggal date not null,              -- the date it was found/reported
    tingkat varchar not null,           -- rendah | sedang | tinggi (current)
    status varchar not null,            -- baru | ditangani | selesai (current)
    kunci varchar not null,             -- match key of an uploaded row: kecamatan|kategori|uraian|tanggal
    dibuat_oleh varchar,
    dibuat_pada timestamp not null,
    diubah_pada timestamp not null,
    sumber varchar not null             -- 'formulir' or 'unggahan #N'
);
create sequence if not exists masalah_riwayat_id_seq start 1;
create table if not exists masalah_riwayat (
    riwayat_id bigint not null default nextval('masalah_riwayat_id_seq'),
    masalah_id integer not null,
    waktu timestamp not null,
    pelaku varchar,
    status_sebelum varchar,             -- null on the row that records the problem being entered
    status_sesudah varchar not null,
    tingkat_sebelum varchar,
    tingkat_sesudah varchar not null,
    catatan varchar,                    -- follow-up note (tindak lanjut), as written
    sumber varchar not null             -- 'formulir' or 'unggahan #N'
);
-- Rows of an uploaded problem sheet as uploaded (traceable to file, sheet and Excel row); they
-- are merged into `masalah` when committed (readiness.masalah.gabung_unggahan).
create table if not exists raw_masalah (
    upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar not null, kode_desa varchar, no_tps varchar, nomor integer,
    kategori varchar not null, uraian varchar not null, pelapor varchar, tanggal date not null,
    tingkat varchar, status varchar, tindak_lanjut varchar, kunci varchar not null
);
-- An open problem of severity `tinggi` makes the kecamatan's status at least "perlu perhatian"
-- (1 = yes, 0 = no), per election; default in reference/pengaturan_bawaan.csv.
insert into settings
    select e.election_id, 'masalah_tinggi_kuning', 1.0
    from elections e
    where not exists (select 1 from settings t where t.election_id = e.election_id and t.key = 'masalah_tinggi_kuning');
