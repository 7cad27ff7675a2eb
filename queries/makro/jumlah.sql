-- Aggregate macros for rows of `kesiapan_kecamatan` grouped into a larger area (korwil, kab/kota,
-- province, the region): the one place of the rules by which kecamatan figures add up. Read by
-- marts/korwil, kabupaten, kabkota, kabkota_nilai and provinsi.
--   jumlah_lengkap(x): the sum, missing when any row lacks x (a DPT is the sum of all or nothing).
--   persen_lengkap(bagian, dasar): 100 * bagian / dasar over the rows (2 decimals), missing when
--     any row lacks `dasar` (KTP-el recorded of those required).
--   rerata_dpt(x, dpt): x weighted by DPT over the rows that have x (2 decimals; a target).
--   rerata_dpt_lengkap(x, dpt): x weighted by DPT, missing when any row lacks x (previous turnout).
--   status_terburuk(status): 'merah' when any row is, else 'kuning' when any row is, else 'hijau'.
-- params: -
create or replace temp macro jumlah_lengkap(x) as
    case when count(x) = count(*) then sum(x) end;

create or replace temp macro persen_lengkap(bagian, dasar) as
    case when count(dasar) = count(*) then round(100.0 * sum(bagian) / nullif(sum(dasar), 0), 2) end;

create or replace temp macro rerata_dpt(x, dpt) as
    round(sum(x * dpt) / nullif(sum(dpt) filter (where x is not null), 0), 2);

create or replace temp macro rerata_dpt_lengkap(x, dpt) as
    case when count(x) = count(*) then round(sum(x * dpt) / nullif(sum(dpt), 0), 2) end;

create or replace temp macro status_terburuk(status) as
    case when count(*) filter (where status = 'merah') > 0 then 'merah'
         when count(*) filter (where status = 'kuning') > 0 then 'kuning'
         else 'hijau' end;
