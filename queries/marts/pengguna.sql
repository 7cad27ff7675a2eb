-- The app's users without their password hashes (the Pengguna page, and every page run's check
-- that the session's user is still active with the same role and password version).
-- params: -
select nama, peran, wilayah, aktif, versi_sandi, gagal, terkunci_sampai, dibuat, diubah, terakhir_masuk
from pengguna
order by lower(nama)
