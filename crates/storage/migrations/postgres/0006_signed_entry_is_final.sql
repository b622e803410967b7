-- A signed journal entry is final in every column, also against SQL beside the application
-- (helsepersonelloven § 42: corrections are new versions). 0004 kept a signed version's author,
-- dates and signature; this adds its text, the entry's facts (date of help, kind, author, youth,
-- conversation) and deletion, which needs a leader's recorded decision in journal_deletions.
-- The text of a signed version changes only when `gatelangs keys rotate` re-seals it under
-- another key: the new value must be sealed and its key id (between the first and second ':')
-- must differ. A value forged under another key id cannot be opened (the key id and place are
-- bound into the cipher), so it shows as corrupt, never as other text.

CREATE FUNCTION journal_signed_text_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.signed_at IS NOT NULL AND (
        (NEW.body IS DISTINCT FROM OLD.body AND (NEW.body NOT LIKE 'gl1:%:%'
            OR split_part(NEW.body, ':', 2) = split_part(OLD.body, ':', 2)))
        OR (NEW.reason IS DISTINCT FROM OLD.reason AND (OLD.reason IS NULL OR NEW.reason IS NULL
            OR NEW.reason NOT LIKE 'gl1:%:%'
            OR split_part(NEW.reason, ':', 2) = split_part(OLD.reason, ':', 2)))
    ) THEN
        RAISE EXCEPTION 'a signed journal entry cannot be changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_signed_text_is_final BEFORE UPDATE ON journal_versions
FOR EACH ROW EXECUTE FUNCTION journal_signed_text_is_final();

CREATE FUNCTION journal_signed_version_deleted_by_decision() RETURNS trigger AS $$
BEGIN
    IF OLD.signed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM journal_deletions WHERE entry_id = OLD.entry_id) THEN
        RAISE EXCEPTION 'a signed journal entry is deleted only by a recorded decision';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_signed_version_deleted_by_decision BEFORE DELETE ON journal_versions
FOR EACH ROW EXECUTE FUNCTION journal_signed_version_deleted_by_decision();

CREATE FUNCTION journal_signed_entry_is_final() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM journal_versions
               WHERE entry_id = OLD.id AND version = 1 AND signed_at IS NOT NULL)
        AND (NEW.id IS DISTINCT FROM OLD.id OR NEW.service_id IS DISTINCT FROM OLD.service_id
          OR NEW.youth_id IS DISTINCT FROM OLD.youth_id
          OR NEW.conversation_id IS DISTINCT FROM OLD.conversation_id
          OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.helped_at IS DISTINCT FROM OLD.helped_at
          OR NEW.author_id IS DISTINCT FROM OLD.author_id
          OR NEW.created_at IS DISTINCT FROM OLD.created_at) THEN
        RAISE EXCEPTION 'a signed journal entry cannot be changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_signed_entry_is_final BEFORE UPDATE ON journal_entries
FOR EACH ROW EXECUTE FUNCTION journal_signed_entry_is_final();

CREATE FUNCTION journal_entry_deleted_by_decision() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM journal_deletions WHERE entry_id = OLD.id) THEN
        RAISE EXCEPTION 'a journal entry is deleted only by a recorded decision';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_entry_deleted_by_decision BEFORE DELETE ON journal_entries
FOR EACH ROW EXECUTE FUNCTION journal_entry_deleted_by_decision();
