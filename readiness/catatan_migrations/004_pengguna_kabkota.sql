-- A user limited to one kab/kota of a province (or national) installation: they upload and enter
-- or follow up problems only for it (readiness/akses.py `wajib_kabkota`); the app opens on it.
--   kabkota  Kemendagri code of a kab/kota of the installation ('74.06'); null = the whole installation
alter table pengguna add column kabkota text;
