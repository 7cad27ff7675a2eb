-- NIK and NKK keyed hashes are stored as 128-bit unsigned numbers: the same 16 bytes as the 32 hex
-- digits before (HMAC-SHA256 truncated to 128 bits), read as one big-endian number. A fixed-width
-- column is written without the text analysis a string column gets: a whole kabupaten's list
-- commits about 0,2 s faster, into a smaller file. nik_kunci (the first 64 bits) is unchanged.
alter table raw_daftar alter column nik_hash set data type uhugeint
    using unhex(lpad(nik_hash, 32, '0'))::bit::uhugeint;
alter table raw_daftar alter column nkk_hash set data type uhugeint
    using unhex(lpad(nkk_hash, 32, '0'))::bit::uhugeint;
