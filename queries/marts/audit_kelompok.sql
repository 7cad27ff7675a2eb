-- Groups leadership asks about, from the active per-voter lists of one election, per desa
-- (tingkat 'desa'; kode_desa null = voters whose desa is not in the stated kecamatan) and per
-- kecamatan (tingkat 'kecamatan', the sum of its desa rows): voters, L, P, sex ratio (L per 100 P),
-- pemilih pemula (age on election day from the election's settings pemula_usia_min to
-- pemula_usia_max, default 17–21), disabilitas by KPU code, KTP-el not yet recorded, rows without
-- a birth date. Counted by the write that changed the data (stored table kelompok,
-- queries/tersimpan). No rows without an active per-voter list.
-- params: election
select * exclude (election_id, urutan)
from kelompok
where election_id = $election
order by urutan
