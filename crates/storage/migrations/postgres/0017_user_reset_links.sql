-- One-time links an administrator hands a member of staff to choose a password: for a new
-- account made in the web, and after a reset of password and second factor. Only a hash of the
-- link's secret is kept, so a copy of the database holds no usable link. A user has at most one
-- link; a new one replaces it, and using it deletes it.
CREATE TABLE user_reset_links (
    token_hash TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    user_id    TEXT NOT NULL UNIQUE REFERENCES users(id),
    expires_at BIGINT NOT NULL
);
