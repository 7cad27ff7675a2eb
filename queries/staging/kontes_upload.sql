-- stg_kontes_upload: the uploads each election (contest) draws on. Contests held on the same day in
-- one installation (a province's gubernur election and the bupati/wali kota elections of its kab/kota)
-- share one DPT and one set of TPS: the voter recap (`pemilih`), the per-voter list (`daftar`), the
-- TPS list (`tps`) and KTP-el recording (`ktpel`) uploaded under any of them serve all of them. A
-- target and previous turnout (`target`) belong to the contest it was uploaded for alone.
-- params: -
select u.election_id, u.upload_id, u.kind
from uploads u
union all
select e.election_id, u.upload_id, u.kind
from uploads u
join elections asal on asal.election_id = u.election_id
join elections e on e.tanggal = asal.tanggal and e.election_id <> asal.election_id
where u.kind in ('pemilih', 'daftar', 'tps', 'ktpel')
