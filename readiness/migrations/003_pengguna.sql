-- App users (readiness/pengguna.py, readiness/akses.py): one row per person who logs in. Only an argon2id hash of the password
-- is kept (never the password). Failed logins are counted here, so restarting the app does not
-- reset a lockout. While this table has no row at all the app runs in local mode (one laptop,
-- everything allowed, a banner on every page).
--   nama           as typed when created; unique regardless of case (login ignores case)
--   peran          pimpinan | analis | admin | pelapor (readiness/akses.py)
--   wilayah        pelapor only: the kecamatan or desa code they report for (null = everything)
--   sandi_hash     argon2id hash in PHC form ($argon2id$v=19$m=…)
--   versi_sandi    +1 on every password reset: sessions opened with an older password end
--   aktif          false = disabled: cannot log in, open sessions end at their next rerun
--   gagal          consecutive failed logins since the last success
--   terkunci_sampai  no login accepted before this time (local time of the server)
create table if not exists pengguna (
    nama varchar primary key,
    peran varchar not null,
    wilayah varchar,
    sandi_hash varchar not null,
    versi_sandi integer not null default 1,
    aktif boolean not null default true,
    gagal integer not null default 0,
    terkunci_sampai timestamp,
    dibuat timestamp not null,
    diubah timestamp not null,
    terakhir_masuk timestamp
);
