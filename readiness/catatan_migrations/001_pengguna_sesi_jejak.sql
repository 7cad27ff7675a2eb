-- Users, login throttling, sessions and the trail of logins, logouts, user changes and exports.
-- Times are local server time as text 'YYYY-MM-DD HH:MM:SS' (like the analytical trail), except
-- the throttling and session clocks, which are seconds since the epoch (real).

-- One row per person who logs in; only an argon2id hash of the password (never the password).
--   nama         as typed when created; unique regardless of case (login ignores case)
--   peran        pimpinan | analis | admin | pelapor (readiness/akses.py)
--   wilayah      pelapor only: the kecamatan or desa code they report for
--   versi_sandi  +1 on every password reset (sessions opened before end)
--   aktif        0 = disabled: cannot log in, its sessions are ended
create table pengguna (
    nama text primary key collate nocase,
    peran text not null,
    wilayah text,
    sandi_hash text not null,
    versi_sandi integer not null default 1,
    aktif integer not null default 1,
    dibuat text not null,
    diubah text not null,
    terakhir_masuk text
);

-- Server-side sessions: the browser holds a random token in a cookie; only its SHA-256 is kept.
create table sesi (
    token_hash text primary key,
    nama text not null references pengguna (nama),
    versi_sandi integer not null,
    dibuat real not null,
    terakhir real not null          -- last activity; the session ends after readiness.pengguna.BATAS_DIAM
);
create index sesi_nama on sesi (nama collate nocase);

-- Login throttling state (not a record: rows expire). kunci = 'n:' name hash | 's:' source |
-- 'ns:' name hash and source; the name is hashed with meta 'kunci_percobaan' (a name typed in
-- the wrong field may be a password).
create table percobaan (
    kunci text primary key,
    gagal integer not null,         -- failures counted in the current run of failures
    terakhir real not null,         -- last failure counted
    boleh_lagi real not null        -- no attempt is checked before this
);
create index percobaan_terakhir on percobaan (terakhir);

-- The audit trail of what this store records (see readiness/jejak.py): append-only.
create table jejak (
    id integer primary key autoincrement,
    waktu text not null,
    pelaku text not null,           -- user name; a failed login with an unknown name is masked ('ad*****')
    peran text,
    aksi text not null,             -- masuk | keluar | pengguna | ekspor
    objek text,
    rincian text,                   -- JSON
    sebelum text,                   -- JSON
    sesudah text                    -- JSON
);
create index jejak_waktu on jejak (waktu);
create trigger jejak_tanpa_ubah before update on jejak
begin select raise(abort, 'jejak audit hanya bertambah'); end;
create trigger jejak_tanpa_hapus before delete on jejak
begin select raise(abort, 'jejak audit hanya bertambah'); end;

-- Failed logins are recorded once per source, name shown and window of time (jendela), with
-- this counter of the attempts that followed; a source gets a bounded number of such rows per
-- window. The counter is not the trail: the row it counts for is.
create table jejak_ulang (
    jendela integer not null,       -- the window's number (seconds since the epoch // its length)
    sumber text not null,
    tampil text not null,           -- the name as the trail row shows it
    jejak_id integer not null references jejak (id),
    jumlah integer not null,        -- attempts in this window, the first included
    ditahan integer not null,       -- of which refused unchecked (throttled)
    terakhir text not null,
    primary key (jendela, sumber, tampil)
);
create index jejak_ulang_jejak on jejak_ulang (jejak_id);
