-- The voter rows with a problem that rejects the file, in one pass over it: the columns of `w`.
-- Inputs: `w`.
-- params: -
select * from w where _galat
