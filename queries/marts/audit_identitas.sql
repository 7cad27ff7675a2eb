-- Whether names, addresses and places of birth are kept from per-voter lists (app setting
-- `simpan_identitas`, off by default) and how many voter rows of them are kept now.
-- params: -
select coalesce(max(value) filter (where key = 'simpan_identitas'), 'tidak') = 'ya' as simpan,
    (select count(*) from identitas_daftar) as baris
from app_settings
