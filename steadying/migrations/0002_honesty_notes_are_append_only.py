"""The honesty log is append-only in the database (PostgreSQL).

core.append_only.append_only_guard refuses every UPDATE and DELETE; its tables hold plain ids and
no sealed text. Honesty notes hold sealed text and their writer's id, so this guard allows exactly
two things more, and nothing else:
- resealing under a newer key (manage.py reencrypt): only ``body`` changes, and its key id with it,
  so the words stay what they were (a key rotation never loses writing);
- deleting the writer's own notes while their account is deleted, in a transaction that has
  declared whose (steadying.honesty.permit_erasing_notes_of; privacy.ownership.delete_account).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION steadying_honestynote_append_only() RETURNS trigger AS $$
DECLARE
    erasing text := coalesce(current_setting('mend.erasing_user', true), '');
BEGIN
    IF TG_OP = 'DELETE' AND erasing <> '' AND OLD.author_id::text = erasing THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE'
            AND NEW.id = OLD.id AND NEW.code = OLD.code
            AND NEW.couple_id = OLD.couple_id AND NEW.author_id = OLD.author_id
            AND NEW.corrects_id IS NOT DISTINCT FROM OLD.corrects_id
            AND NEW.created_at = OLD.created_at
            AND split_part(NEW.body, '$', 1) <> split_part(OLD.body, '$', 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The honesty log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER steadying_honestynote_append_only
    BEFORE UPDATE OR DELETE ON steadying_honestynote
    FOR EACH ROW EXECUTE FUNCTION steadying_honestynote_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS steadying_honestynote_append_only ON steadying_honestynote;
DROP FUNCTION IF EXISTS steadying_honestynote_append_only();
"""


def create_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("steadying", "0001_cards_and_honesty_log")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
