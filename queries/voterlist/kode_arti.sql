-- What each combination of the coded columns means, and which of them rejects the file, so that a
-- voter row needs one join for all five: the columns of kode_tertulis, then jk_kode, sts_kode,
-- ktpel_kode, dis_kode, tps_teks and jk_salah … dis_salah. Inputs: kode_tertulis, kode_map, tps_map, dis_map.
-- params: -
select k.*, jk_.kode as jk_kode, sts_.kode as sts_kode, ktpel_.kode as ktpel_kode, dis_.kode as dis_kode,
    tps_.teks as tps_teks,
    jk_.kode is null as jk_salah,
    tps_.teks is null as tps_salah,
    not sts_.kosong and sts_.kode is null as sts_salah,
    not ktpel_.kosong and ktpel_.kode is null as ktpel_salah,
    dis_.kode is null as dis_salah
from kode_tertulis k
left join kode_map jk_ on jk_.kolom = 'jk' and jk_.asli is not distinct from k.jk
left join kode_map sts_ on sts_.kolom = 'sts' and sts_.asli is not distinct from k.sts
left join kode_map ktpel_ on ktpel_.kolom = 'ktpel' and ktpel_.asli is not distinct from k.ktpel
left join dis_map dis_ on dis_.asli is not distinct from k.dis
left join tps_map tps_ on tps_.asli is not distinct from k.tps
