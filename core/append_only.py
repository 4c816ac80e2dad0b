"""A database guard for append-only tables (audit logs): on PostgreSQL, UPDATE and DELETE raise.

Used from migrations. Row triggers do not fire on TRUNCATE, which the test runner uses to empty
tables, and the guarded tables hold plain ids rather than foreign keys, so deleting a couple or an
account never needs to touch them.
"""

from django.db import migrations

# Set (transaction-locally) by the prune command to the retention cut-off; see prunable_guard.
PRUNE_BEFORE_SETTING = "mend.prune_before"


def append_only_guard(table: str, description: str) -> migrations.RunPython:
    name = f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{description} is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {name}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {name} ON {table};
DROP FUNCTION IF EXISTS {name}();
"""

    def create_guard(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def drop_guard(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(create_guard, drop_guard)


def prunable_guard(
    table: str, description: str, column: str = "at"
) -> migrations.RunPython:
    """The append-only guard, with one way to DELETE: a row older than the retention cut-off, in
    a transaction that has declared that cut-off (today/management/commands/prune_logs.py).
    UPDATE stays refused, and so does deleting any row newer than the cut-off."""
    name = f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
DECLARE
    prune_before text := current_setting('{PRUNE_BEFORE_SETTING}', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(prune_before, '') <> ''
            AND OLD.{column} < prune_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{description} is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
    strict = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{description} is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

    def allow_pruning(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def refuse_pruning(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(strict, params=None)

    return migrations.RunPython(allow_pruning, refuse_pruning)
