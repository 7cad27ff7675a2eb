-- The kab/kota of the installation's region: every kab/kota of a province or of the nation, the
-- region itself in a kab/kota installation (those its kecamatan lie in), with kind and province.
-- Columns: kode_kabkota, kabkota, jenis (kabupaten|kota), kode_provinsi, provinsi.
-- params: -
select k.kode as kode_kabkota, k.nama as kabkota, k.jenis, k.kode_provinsi, k.provinsi
from ref_kabkota k
where k.kode in (select kode_kabkota from ref_kecamatan)
