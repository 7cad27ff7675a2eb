-- The rows committed to raw_daftar, one per voter, NIK and NKK only as keyed hashes and a masked NIK,
-- with what the audit derives from the NIK, and `_galat` (a problem that rejects the file). Not
-- sorted: each row carries its sheet and row. Inputs: w (its _nik_h, _nkk_h: the hashes computed
-- in Python of the texts of 16 digits), sheets, nik_awal (the regions of those NIKs), kk_tertulis
-- (each NKK as written that has no hash yet, and whether Excel stored it as a number).
-- $opad, $ipad: the key's pads (privacy.hmac_pads).
-- params: opad, ipad
-- NIK = 2 digits province, 2 kabupaten, 2 kecamatan, DDMMYY of birth (women: DD + 40), 4 serial.
with kk as (
    -- The keyed hash of each family card (NKK) not hashed in Python (not written as its 16 digits):
    -- household members share an NKK (about three voters per KK), so each is cleaned and hashed
    -- once (rows that are not voters may add a few, never used).
    select nkk, nkk_angka, hmac128(nkk_d, $opad, $ipad) as nkk_hash
    from (select nkk, nkk_angka, digit_nik(nkk, bersih(nkk, false), nkk_angka, false) as nkk_d
          from kk_tertulis)
    where nkk_d is not null
), r as (
    -- the region (first six digits) of the NIKs hashed in Python, once per region: awal (the six
    -- digits as a number), kode_wilayah (`35.13.24`), mask (`351324**********`); a NIK not among
    -- them is worked out in its row
    select awal, kode_wilayah(p) as kode_wilayah, p || '**********' as mask
    from (select awal, lpad(awal::varchar, 6, '0') as p from nik_awal)
), n as (
    -- nearly every NIK is written as its 16 digits: those need no cleaning
    select w.*, sixteen(nik) as nik_polos from w
), c as (
    select n.*, bersih(nik, nik_polos) as nik_t
    from n
), d as (
    select c.*, case when nik_polos then false else sains(nik_t) end as nik_sci,
        digit_nik(nik, nik_t, nik_angka, nik_polos) as nik_d
    from c
), h as (
    -- the hash computed in Python where there is one, else computed here
    select d.*,
        case when nik_d is not null then coalesce(d._nik_h, hmac128(d.nik_d, $opad, $ipad)) end as nik_hb,
        -- well formed: 16 digits, kept as text (a number has lost its last digits)
        coalesce(nik_16 and not (nik_angka or nik_sci), false) as nik_baik
    from (select *, angka16(nik_d, nik_16) as nik_n
          from (select *, enam_belas(nik_d, nik_polos) as nik_16 from d)) d
), t as (
    -- the NIK's date digits and region, in integers
    select h.*,
        case when nik_baik then (nik_n // 100000000 % 100)::integer end as nik_dd,
        case when nik_baik then (nik_n // 1000000 % 100)::integer end as nik_mm,
        case when nik_baik then (nik_n // 10000 % 100)::integer end as nik_yy,
        case when nik_baik then nik_n // 10000000000 end as nik_awal
    from h
)
select s.source_sheet, t._row as source_row, t.kode_kecamatan, t.kode_desa,
    tps_teks as tps,
    t.jk_kode as jk,
    nik_hb as nik_hash,
    -- Only the region code stays readable: the date digits follow from the birth date and
    -- sex kept beside it, so showing the serial too would give the whole NIK back.
    -- (`r`, the region looked up, is there only for a well-formed NIK)
    coalesce(r.mask, case when length(nik_d) = 16 then nik_d[1:6] || '**********'
                          when nik_d is not null then repeat('*', length(nik_d)) end) as nik_mask,
    coalesce(t._nkk_h, kk.nkk_hash) as nkk_hash,
    case when nik_d is null then null else (nik_angka or nik_sci) end as nik_numerik,
    t.tanggal as tgl_lahir, t.sts_kode as sts, t.dis_kode as dis, t.ktpel_kode as ktpel,
    case when contains(t.dpid, '.') and regexp_matches(trim(t.dpid), '^\d+\.0+$')
         then split_part(trim(t.dpid), '.', 1)
         else nullif(trim(t.dpid), '') end as dpid,
    case when s.ada_nik then length(coalesce(nik_d, '')) end as nik_panjang,
    case when nik_baik then true else regexp_full_match(nik_d, '\d+') end as nik_digit,
    case when nik_baik then coalesce(r.kode_wilayah, kode_wilayah(nik_d)) end as nik_kode_wilayah,
    case when not nik_baik then null
         when nik_dd = 0 or nik_dd between 32 and 40 or nik_dd > 71 or nik_mm not between 1 and 12 then 'mustahil'
         -- no such day in that month (YY 00–68 is 20YY, 69–99 is 19YY, as strptime's %y: the
         -- years 1969–2068, where a leap year is one whose YY divides by 4), in integers
         when nik_dd % 40 > case when nik_mm in (4, 6, 9, 11) then 30
                                 when nik_mm = 2 then case when nik_yy % 4 = 0 then 29 else 28 end
                                 else 31 end then 'mustahil'
         when t.jk_kode is not null and (t.jk_kode = 'P') <> (nik_dd > 40) then 'beda_jk'
         when t.tanggal is not null and (t.tgl_hari <> nik_dd % 40 or t.tgl_bulan <> nik_mm
                                         or t.tgl_yy <> nik_yy) then 'beda_tanggal'
    end as nik_tanggal_masalah,
    -- the first 64 bits of the keyed hash
    case when nik_baik then nik_hb[1:8]::bit::ubigint end as nik_kunci,
    case when t.kode_desa is null then t.desa_c end as desa_tertulis,
    t.pesan_desa as desa_catatan,
    t._galat
from t join sheets s using (_sheet_no)
left join kk on kk.nkk = t.nkk and kk.nkk_angka = t.nkk_angka
left join r on r.awal = t.nik_awal
