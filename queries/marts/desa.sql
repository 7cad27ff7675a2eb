-- Voters and TPS per desa for one election (int_desa): DPT from the recap where it has desa rows,
-- else counted from the per-voter list, else from the TPS list; TPS from the TPS list, else the
-- recap, else distinct TPS in the per-voter list. Desa without any data keep empty figures.
-- params: election
select kode_desa, desa, jenis, kode_kecamatan, kecamatan, dpt, dpt_l, dpt_p, tps, pemilih_per_tps_maks
from int_desa
where election_id = $election
order by kode_desa
