-- Tables of the readiness database. Views over them (staging, intermediate) are not stored:
-- they are created as temporary views from queries/ on every connection (see readiness/db.py),
-- so a new release never needs a migration to change a formula.

create table meta (key varchar primary key, value varchar);

-- Reference (seeded from reference/*.csv when the database is created)
create table ref_kecamatan (kode_kecamatan varchar primary key, kecamatan varchar not null,
    jumlah_desa integer, lat double, lon double);
create table ref_desa (kode_desa varchar primary key, desa varchar not null, jenis varchar,
    kode_kecamatan varchar not null, lat double, lon double);
create table ref_kecamatan_alias (alias varchar not null, kode_kecamatan varchar not null, source varchar);
create table ref_desa_alias (alias varchar not null, kode_desa varchar not null, source varchar);
create table ref_kecamatan_bps (kode_bps varchar, nama_bps varchar, kode_kecamatan varchar);

-- Elections and their settings: korwil assignment, thresholds and capacity are data, not code.
create table elections (election_id varchar primary key, nama varchar not null, jenis varchar,
    tanggal date not null, kapasitas_tps integer not null);
create table korwil (election_id varchar not null, kode_kecamatan varchar not null,
    korwil varchar not null, koordinator varchar, primary key (election_id, kode_kecamatan));
create table settings (election_id varchar not null, key varchar not null, value double,
    primary key (election_id, key));
create table app_settings (key varchar primary key, value varchar);

-- Uploads: one row per committed file. `activation` orders versions: per election, kind and
-- kecamatan the covering upload with the highest activation is the active one; re-activating
-- an older upload gives it a new, highest activation.
create sequence upload_seq start 1;
create sequence activation_seq start 1;
create table uploads (upload_id integer not null, election_id varchar not null, kind varchar not null,
    file_name varchar not null, sha256 varchar not null, sheets varchar, header_row integer,
    rows integer not null, uploaded_by varchar, uploaded_at timestamp not null,
    activation integer not null, tanggal_data date, warnings integer not null default 0);
create table upload_coverage (upload_id integer not null, kode_kecamatan varchar not null);
create table upload_messages (upload_id integer not null, level varchar not null, sheet varchar,
    row_number integer, column_name varchar, message varchar not null);

-- Raw rows in canonical columns, each traceable to its file, sheet and Excel row.
create table raw_pemilih (upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar not null, kode_desa varchar, tps integer,
    dpt_l bigint, dpt_p bigint, dpt bigint, pemilih_pemula bigint, disabilitas bigint);
create table raw_tps (upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar not null, kode_desa varchar not null, no_tps varchar not null,
    dpt_l bigint, dpt_p bigint, dpt bigint, alamat varchar, lat double, lon double,
    status_logistik varchar, kategori_rawan varchar);
create table raw_ktpel (upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar not null, kode_desa varchar, wajib_ktpel bigint, sudah_rekam bigint,
    belum_rekam bigint, tanggal date);
-- kode_kecamatan is null on the row that holds the kabupaten-wide target.
create table raw_target (upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar, target_partisipasi double, partisipasi_sebelumnya double,
    pengguna_hak_pilih bigint);
-- Per-voter rows without identity: NIK/NKK only as keyed hash and masked form (UU 27/2022).
create table raw_daftar (upload_id integer not null, source_sheet varchar, source_row integer,
    kode_kecamatan varchar not null, kode_desa varchar not null, tps varchar not null,
    jk varchar, nik_hash varchar, nik_mask varchar, nkk_hash varchar, nik_numerik boolean,
    tgl_lahir date, sts varchar, dis integer, ktpel varchar, dpid varchar);
