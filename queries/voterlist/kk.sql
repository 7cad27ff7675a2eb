-- The keyed hash of each family card (NKK) as written: nkk, nkk_angka, nkk_hash (16 bytes). Household
-- members share an NKK (about three voters per KK), so each is cleaned and hashed once (rows that are
-- not voters may add a few, never used); the hash computed during the read where there is one.
-- Inputs: `incoming`, `dihitung` (kunci, hash). $opad, $ipad: the key's pads (privacy.hmac_pads).
-- params: opad, ipad
with p as (
    select nkk, nkk_angka, sixteen(nkk) as nkk_polos
    from (select distinct nkk, nkk_angka from incoming where nkk is not null)
), t as (
    select *, bersih(nkk, nkk_polos) as nkk_t
    from p
), d as (
    select nkk, nkk_angka, nkk_polos, digit_nik(nkk, nkk_t, nkk_angka, nkk_polos) as nkk_d
    from t
)
select nkk, nkk_angka, coalesce(h.hash, hmac128(nkk_d, $opad, $ipad)) as nkk_hash
from d left join dihitung h on h.kunci = angka16(nkk_d, enam_belas(nkk_d, nkk_polos))
where nkk_d is not null
