-- Voter-list audit (readiness/audit.py): what the audit needs from each per-voter row, derived at ingest
-- and never reversible to the NIK (the NIK's date digits — the six a masked NIK hides — are not
-- stored, only whether they are possible and agree with the birth date and sex).
--   nik_panjang          characters of the NIK as read (0 = empty cell; null = the file has no NIK column)
--   nik_digit            the NIK holds digits only
--   nik_kode_wilayah     the NIK's first 6 digits (province, kabupaten, kecamatan; shown in the mask
--                        already) written as a kecamatan code '35.13.24', only for a well-formed NIK
--                        (16 digits, text)
--   nik_tanggal_masalah  null = fine or not checkable; 'mustahil' (no such date), 'beda_tanggal'
--                        (differs from the birth date), 'beda_jk' (day + 40 does not match the sex)
--   nik_kunci            the first 64 bits of the NIK's keyed hash, for fast duplicate search; only
--                        for a well-formed NIK
--   desa_tertulis        the desa as written when it is not a desa of the stated kecamatan
--                        (kode_desa is then null: a finding, no longer a rejected file)
--   desa_catatan         why (where a desa of that name does exist, the closest names)
alter table raw_daftar alter column kode_desa drop not null;
alter table raw_daftar add column nik_panjang integer;
alter table raw_daftar add column nik_digit boolean;
alter table raw_daftar add column nik_kode_wilayah varchar;
alter table raw_daftar add column nik_tanggal_masalah varchar;
alter table raw_daftar add column nik_kunci ubigint;
alter table raw_daftar add column desa_tertulis varchar;
alter table raw_daftar add column desa_catatan varchar;

-- Rows ingested before this release: what the mask and hash still tell (length, region code, the
-- duplicate key); the NIK's date cannot be checked for them without uploading the file again.
update raw_daftar set
    nik_panjang = length(nik_mask),
    nik_digit = case when length(nik_mask) = 16 then regexp_full_match(nik_mask[1:6] || nik_mask[13:16], '\d+') end,
    nik_kode_wilayah = case when length(nik_mask) = 16 and not coalesce(nik_numerik, false)
                             and regexp_full_match(nik_mask[1:6] || nik_mask[13:16], '\d+') then nik_mask[1:2] || '.' || nik_mask[3:4] || '.' || nik_mask[5:6] end,
    nik_kunci = case when length(nik_mask) = 16 and not coalesce(nik_numerik, false)
                      and regexp_full_match(nik_mask[1:6] || nik_mask[13:16], '\d+')
                      then ('0x' || nik_hash[1:16])::ubigint end
where nik_mask is not null;

-- Names, addresses and places of birth: only when an admin turns `simpan_identitas` on, and
-- then apart from everything else so they can be deleted at once (UU 27/2022).
create table identitas_daftar (upload_id integer not null, source_sheet varchar, source_row integer,
    nama varchar, alamat varchar, tempat_lahir varchar);
insert into app_settings
    select 'simpan_identitas', 'tidak' where not exists (select 1 from app_settings where key = 'simpan_identitas');

-- Pemilih pemula: age range on election day, per election (DESIGN.md: 17–21).
insert into settings
    select e.election_id, s.key, s.value
    from elections e
    cross join (values ('pemula_usia_min', 17.0), ('pemula_usia_max', 21.0)) s(key, value)
    where not exists (select 1 from settings t where t.election_id = e.election_id and t.key = s.key);
