-- The inventory of problems (readiness/masalah.py), moved here from the analytical file: entered
-- and followed up by many people a few bytes at a time. Columns as the DuckDB tables of
-- readiness/migrations/004_masalah.sql had them; times are local server time as text
-- 'YYYY-MM-DD HH:MM:SS', dates 'YYYY-MM-DD'. The analytical queries read these rows through the
-- DuckDB catalog `catatan` (readiness/catatan.py `pasang`).
create table masalah (
    masalah_id integer primary key autoincrement,
    election_id text not null,
    kode_kecamatan text not null,
    kode_desa text,
    no_tps text,
    kategori text not null,
    uraian text not null,
    pelapor text,
    tanggal text not null,
    tingkat text not null,              -- current severity: the latest of masalah_riwayat
    status text not null,               -- current status: the latest of masalah_riwayat
    kunci text not null,                -- match key of an uploaded row: kecamatan|kategori|uraian|tanggal
    dibuat_oleh text,
    dibuat_pada text not null,
    diubah_pada text not null,
    sumber text not null                -- 'formulir' or 'unggahan #N'
);
create index masalah_kunci on masalah (election_id, kunci);

-- Every change of status or severity and every follow-up note: append-only.
create table masalah_riwayat (
    riwayat_id integer primary key autoincrement,
    masalah_id integer not null references masalah (masalah_id),
    waktu text not null,
    pelaku text,
    status_sebelum text,
    status_sesudah text not null,
    tingkat_sebelum text,
    tingkat_sesudah text not null,
    catatan text,
    sumber text not null
);
create index masalah_riwayat_masalah on masalah_riwayat (masalah_id);
create trigger masalah_riwayat_tanpa_ubah before update on masalah_riwayat
begin select raise(abort, 'riwayat masalah hanya bertambah'); end;
create trigger masalah_riwayat_tanpa_hapus before delete on masalah_riwayat
begin select raise(abort, 'riwayat masalah hanya bertambah'); end;

-- The problem uploads (DuckDB `uploads`, kind `masalah`) already merged into the inventory,
-- written in the merge's transaction: an upload committed in the analytical file but missing here
-- (a crash between the two commits) is merged again, and never twice.
create table masalah_unggahan (
    upload_id integer primary key,
    election_id text not null,
    waktu text not null,
    hitung text                         -- JSON: baru, diperbarui, sama, status_lebih_lama
);

-- What pages show from this store changes only with these rows: `versi_tampil` counts the
-- changes and joins the analytical file's version in every page cache key (app/baca.py).
-- Logins, logouts, sessions and exports leave it alone, so they empty no cache.
insert or ignore into meta values ('versi_tampil', '0');
create trigger masalah_versi_tambah after insert on masalah
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
create trigger masalah_versi_ubah after update on masalah
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
create trigger masalah_versi_hapus after delete on masalah
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
create trigger masalah_riwayat_versi after insert on masalah_riwayat
begin update meta set value = cast(value as integer) + 1 where key = 'versi_tampil'; end;
