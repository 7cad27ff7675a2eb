-- The combinations of the coded columns as written (a few spellings each, a few thousand
-- combinations): jk, sts, ktpel, tps, dis. Inputs: `incoming`.
-- params: -
select distinct jk, sts, ktpel, tps, dis from incoming
