-- NIK and NKK keyed hashes are kept at 128 bits (32 hex digits): HMAC-SHA256 truncated to half its
-- output, as RFC 2104 section 5 allows. Half the bytes of a voter list's largest columns, so a
-- whole kabupaten commits faster; duplicates are still found by nik_kunci (its first 64 bits,
-- unchanged). Hashes stored before keep their first 32 digits: the same value the ingest now
-- computes for the same NIK, so old and new uploads still match.
update raw_daftar set nik_hash = nik_hash[1:32] where length(nik_hash) > 32;
update raw_daftar set nkk_hash = nkk_hash[1:32] where length(nkk_hash) > 32;
