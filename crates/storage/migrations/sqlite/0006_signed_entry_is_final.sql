-- A signed journal entry is final in every column, also against SQL beside the application
-- (helsepersonelloven § 42: corrections are new versions). 0004 kept a signed version's author,
-- dates and signature; this adds its text, the entry's facts (date of help, kind, author, youth,
-- conversation) and deletion, which needs a leader's recorded decision in journal_deletions.
-- The text of a signed version changes only when `gatelangs keys rotate` re-seals it under
-- another key: the new value must be sealed and its key id (between the first and second ':')
-- must differ. A value forged under another key id cannot be opened (the key id and place are
-- bound into the cipher), so it shows as corrupt, never as other text.

CREATE TRIGGER journal_signed_text_is_final BEFORE UPDATE OF body, reason ON journal_versions
WHEN OLD.signed_at IS NOT NULL AND (
    (NEW.body IS NOT OLD.body AND (NEW.body NOT LIKE 'gl1:%:%'
        OR substr(NEW.body, 5, instr(substr(NEW.body, 5), ':') - 1)
         = substr(OLD.body, 5, instr(substr(OLD.body, 5), ':') - 1)))
    OR (NEW.reason IS NOT OLD.reason AND (OLD.reason IS NULL OR NEW.reason IS NULL
        OR NEW.reason NOT LIKE 'gl1:%:%'
        OR substr(NEW.reason, 5, instr(substr(NEW.reason, 5), ':') - 1)
         = substr(OLD.reason, 5, instr(substr(OLD.reason, 5), ':') - 1)))
)
BEGIN
    SELECT RAISE(ABORT, 'a signed journal entry cannot be changed');
END;

CREATE TRIGGER journal_signed_version_deleted_by_decision BEFORE DELETE ON journal_versions
WHEN OLD.signed_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM journal_deletions WHERE entry_id = OLD.entry_id)
BEGIN
    SELECT RAISE(ABORT, 'a signed journal entry is deleted only by a recorded decision');
END;

CREATE TRIGGER journal_signed_entry_is_final BEFORE UPDATE ON journal_entries
WHEN EXISTS (SELECT 1 FROM journal_versions
             WHERE entry_id = OLD.id AND version = 1 AND signed_at IS NOT NULL)
    AND (NEW.id IS NOT OLD.id OR NEW.service_id IS NOT OLD.service_id
      OR NEW.youth_id IS NOT OLD.youth_id OR NEW.conversation_id IS NOT OLD.conversation_id
      OR NEW.kind IS NOT OLD.kind OR NEW.helped_at IS NOT OLD.helped_at
      OR NEW.author_id IS NOT OLD.author_id OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'a signed journal entry cannot be changed');
END;

CREATE TRIGGER journal_entry_deleted_by_decision BEFORE DELETE ON journal_entries
WHEN NOT EXISTS (SELECT 1 FROM journal_deletions WHERE entry_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'a journal entry is deleted only by a recorded decision');
END;
