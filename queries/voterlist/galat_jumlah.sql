-- How many problems `galat` holds: one number. Inputs: `galat`.
-- params: -
select count(*) from galat
