-- Settings saved on the Pengaturan page (readiness/model/pengaturan.py): the readiness thresholds,
-- the default participation target and the per-kecamatan target overrides
-- (`target_partisipasi:<kode_kecamatan>`) of each election. They override the analytical file's
-- table `settings` (the defaults seeded for every election, and what older releases saved there)
-- key by key: the view stg_settings (queries/staging/settings.sql) reads both.
--   value  null: the key was removed here (a target override emptied), whatever `settings` holds
create table pengaturan (
    election_id text not null,
    key text not null,
    value real,
    diubah text not null,
    primary key (election_id, key)
);
create trigger pengaturan_versi_tambah after insert on pengaturan
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
create trigger pengaturan_versi_ubah after update on pengaturan
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
create trigger pengaturan_versi_hapus after delete on pengaturan
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
