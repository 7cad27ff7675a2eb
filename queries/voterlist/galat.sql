-- Each problem of the rows of w_galat worded in Indonesian, a cell quoted back with its long runs of
-- digits hidden: _sheet_no, _row, field (the column it is in), pesan. Inputs: `w_galat`.
-- params: -
select _sheet_no, _row, 'kecamatan' as field, pesan_kec as pesan from w_galat where pesan_kec is not null
union all
select _sheet_no, _row, 'jk', format('jenis kelamin ''{}'' harus L atau P', samar(coalesce(trim(jk), '')))
from w_galat where jk_salah
union all
select _sheet_no, _row, 'tps', 'nomor TPS kosong' from w_galat where tps_salah
union all
select _sheet_no, _row, 'sts', format('status kawin ''{}'' harus B, S atau P', samar(trim(sts)))
from w_galat where sts_salah
union all
select _sheet_no, _row, 'ktpel', format('status KTP-el ''{}'' harus S (sudah rekam) atau B (belum)', samar(trim(ktpel)))
from w_galat where ktpel_salah
union all
select _sheet_no, _row, 'dis', format('kode disabilitas ''{}'' harus 0–6', samar(trim(dis)))
from w_galat where dis_salah
union all
select _sheet_no, _row, 'tgl_lahir', format('''{}'' bukan tanggal yang dikenali (contoh: 27-11-2024)', samar(trim(tgl_lahir)))
from w_galat where tgl_salah
