-- Audit trail: who did what and when — uploads, version activations, setting changes
-- (before and after), user changes, exports, problem entries, logins. Written in the same
-- transaction as the change it records; the app only ever inserts into it.
create sequence if not exists jejak_id_seq;
create table if not exists jejak (
    id bigint primary key default nextval('jejak_id_seq'),
    waktu timestamp not null,          -- local time of the server (WIB on the desk's laptop)
    pelaku varchar not null,           -- user name; 'lokal' in local mode, 'cli' from the command line
    peran varchar,                     -- the role the user had at that moment
    aksi varchar not null,             -- unggah | aktifkan | pengaturan | pengguna | ekspor | masalah | masuk | …
    objek varchar,                     -- what it was done to (file name, setting key, user name, …)
    rincian json,                      -- further facts (rows, upload ids, …)
    sebelum json,                      -- for changes: the value before
    sesudah json                       -- … and after
);
