-- Wrong second-factor codes in a row, counted in the database before each code is checked, so
-- neither a new login with the password nor requests sent in parallel start the count again.
-- At the limit the account's second factor is locked until an administrator unlocks it (or
-- resets the account).
ALTER TABLE users ADD COLUMN second_factor_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN second_factor_locked_at BIGINT;
