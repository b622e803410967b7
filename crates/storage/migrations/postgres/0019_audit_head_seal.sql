-- The head of the audit log gets its own MAC under the audit key, so moving it back to an older
-- entry (after deleting the newest rows) is detected without a checkpoint. The existing head is
-- sealed by the program right after this migration (it holds the key; SQL does not).
ALTER TABLE audit_head ADD COLUMN head_mac TEXT NOT NULL DEFAULT 'unsealed';
