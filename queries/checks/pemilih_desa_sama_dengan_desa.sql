-- Rule: the Pemilih page's desa figures (mart_pemilih_desa, counted from the stored per-voter
-- groups) are the desa figures of the readiness model (mart_desa): the same DPT, L, P and TPS for
-- every desa, missing in both or in neither.
-- Returns one row per desa and figure that differs.
-- params: election
select d.kode_desa, d.desa, d.kecamatan, s.kolom, s.desa_nilai, s.pemilih_nilai
from (select * from mart_desa where election_id = $election) d
full join (select * from mart_pemilih_desa where election_id = $election) p using (kode_desa)
cross join lateral (values
    ('dpt', d.dpt, p.dpt), ('dpt_l', d.dpt_l, p.dpt_l), ('dpt_p', d.dpt_p, p.dpt_p), ('tps', d.tps, p.tps)
) s(kolom, desa_nilai, pemilih_nilai)
where s.desa_nilai is distinct from s.pemilih_nilai
order by d.kode_desa, s.kolom
