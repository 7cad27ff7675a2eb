-- A voter recap of one row per kab/kota (KPU's national recap, a kab/kota sending only its total):
-- raw_pemilih.kode_kabkota holds the kab/kota of such a row, whose kode_kecamatan is then empty;
-- rows per kecamatan or desa keep kode_kabkota empty. Its upload covers the kab/kota's code
-- (`74.06`) in upload_coverage.
alter table raw_pemilih alter column kode_kecamatan drop not null;
alter table raw_pemilih add column if not exists kode_kabkota varchar;
