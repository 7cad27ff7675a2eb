-- The inventory of problems moves to the small-records store (readiness/catatan.py): entered and
-- followed up a few bytes at a time, it no longer copies this file on every change. The old
-- tables are renamed here and their rows moved into the store, then dropped, in the same write
-- (readiness.catatan.ambil_dari_duckdb). `masalah` and `masalah_riwayat` stay as views of the
-- store's copy attached to every connection as the catalog `catatan` (readiness.catatan.pasang),
-- so the queries and the views built on them read them as before.
alter table masalah rename to masalah_lama;
alter table masalah_riwayat rename to masalah_riwayat_lama;
create view masalah as select * from catatan.masalah;
create view masalah_riwayat as select * from catatan.masalah_riwayat;
