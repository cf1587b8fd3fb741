"""The processing log, hardened (issue 16):

- who acted (the audit record: actor id, username, unit, roles, channel) is inside each entry's hash, and the hash
  covers ``prev_hash ‖ fields`` in the layout of ``processing_log.canonical_bytes`` (format 2). Existing entries are
  re-chained once, here, by the migration role; the first signed checkpoint after the upgrade anchors the result;
- pgtrigger's Protect triggers (bypassable by any role with ``SET pgtrigger.ignore``) are replaced by plain triggers
  that no setting of a non-superuser turns off: UPDATE and DELETE refused for everyone, TRUNCATE for everyone but the
  table owner (the migration role); the head row only moves forward;
- UPDATE, DELETE and TRUNCATE on the log tables are revoked from every role but the owner (DELETE and TRUNCATE on
  the head row too), whatever default privileges granted them (``ketensignaal db-roles`` sets up the roles).
"""

import hashlib
from datetime import UTC

import pgtrigger.migrations
from django.db import migrations, models

GENESIS = "0" * 64
LOG_TABLES = ("governance_processinglogentry", "governance_auditrecord")


def _stamp(moment):  # type: ignore[no-untyped-def]
    moment = moment.astimezone(UTC)
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text


def _payload(entry, audit, prev):  # type: ignore[no-untyped-def]
    # Frozen copy of processing_log.canonical_bytes (format 2) as of this migration.
    return "\x1f".join(
        (
            prev,
            str(entry.sequence),
            entry.trace_id,
            entry.span_id,
            entry.parent_span_id,
            _stamp(entry.occurred_at),
            entry.activity,
            entry.data_subject_ref,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.legal_basis,
            entry.result,
            "" if audit is None or audit.actor_id is None else str(audit.actor_id),
            audit.actor_username if audit else "",
            audit.actor_unit if audit else "",
            audit.actor_roles if audit else "",
            audit.channel if audit else "",
        )
    ).encode()


def rechain(apps, schema_editor):  # type: ignore[no-untyped-def]
    entries = apps.get_model("governance", "ProcessingLogEntry")
    audits = apps.get_model("governance", "AuditRecord")
    heads = apps.get_model("governance", "LogHead")
    sqlite = schema_editor.connection.vendor == "sqlite"
    if not entries.objects.exists():
        return
    if sqlite:
        for table in LOG_TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
    prev, last, batch = GENESIS, 0, 5000
    while True:
        chunk = list(entries.objects.filter(sequence__gt=last).order_by("sequence")[:batch])
        if not chunk:
            break
        by_entry = {a.entry_id: a for a in audits.objects.filter(entry_id__in=[e.sequence for e in chunk])}
        for entry in chunk:
            entry.prev_hash = prev
            prev = entry.entry_hash = hashlib.sha256(_payload(entry, by_entry.get(entry.sequence), prev)).hexdigest()
        entries.objects.bulk_update(chunk, ["prev_hash", "entry_hash"])
        last = chunk[-1].sequence
    heads.objects.update_or_create(pk=1, defaults={"sequence": last, "entry_hash": prev})


PG_TRIGGERS = """
CREATE OR REPLACE FUNCTION ketensignaal_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the processing log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION ketensignaal_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.sequence > OLD.sequence THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the head of the processing log only moves forward: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER log_append_only_row BEFORE UPDATE OR DELETE ON governance_processinglogentry
    FOR EACH ROW EXECUTE FUNCTION ketensignaal_log_append_only();
CREATE TRIGGER log_append_only_truncate BEFORE TRUNCATE ON governance_processinglogentry
    FOR EACH STATEMENT EXECUTE FUNCTION ketensignaal_log_append_only();
CREATE TRIGGER log_append_only_row BEFORE UPDATE OR DELETE ON governance_auditrecord
    FOR EACH ROW EXECUTE FUNCTION ketensignaal_log_append_only();
CREATE TRIGGER log_append_only_truncate BEFORE TRUNCATE ON governance_auditrecord
    FOR EACH STATEMENT EXECUTE FUNCTION ketensignaal_log_append_only();
CREATE TRIGGER log_head_forward_row BEFORE UPDATE OR DELETE ON governance_loghead
    FOR EACH ROW EXECUTE FUNCTION ketensignaal_log_head_forward();
CREATE TRIGGER log_head_forward_truncate BEFORE TRUNCATE ON governance_loghead
    FOR EACH STATEMENT EXECUTE FUNCTION ketensignaal_log_append_only();
"""

# Revoke what default privileges (or an earlier grant) gave any role but the owner.
PG_REVOKE = """
DO $$
DECLARE r record;
BEGIN
    FOR r IN
        SELECT DISTINCT c.relname, CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END AS who
        FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) g
        WHERE c.relnamespace = current_schema()::regnamespace AND g.grantee <> c.relowner
          AND c.relname IN ('governance_processinglogentry', 'governance_auditrecord', 'governance_loghead')
          AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
    LOOP
        IF r.relname = 'governance_loghead' THEN
            EXECUTE format('REVOKE DELETE, TRUNCATE ON %I FROM %s', r.relname, r.who);
        ELSE
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %s', r.relname, r.who);
        END IF;
    END LOOP;
END $$;
"""

PG_DROP = """
DROP TRIGGER IF EXISTS log_append_only_row ON governance_processinglogentry;
DROP TRIGGER IF EXISTS log_append_only_truncate ON governance_processinglogentry;
DROP TRIGGER IF EXISTS log_append_only_row ON governance_auditrecord;
DROP TRIGGER IF EXISTS log_append_only_truncate ON governance_auditrecord;
DROP TRIGGER IF EXISTS log_head_forward_row ON governance_loghead;
DROP TRIGGER IF EXISTS log_head_forward_truncate ON governance_loghead;
DROP FUNCTION IF EXISTS ketensignaal_log_head_forward();
DROP FUNCTION IF EXISTS ketensignaal_log_append_only();
"""


def pg_forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGERS, params=None)
        schema_editor.execute(PG_REVOKE, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        # SQLite rebuilds a table to add a column, which drops its triggers (0003): put them back.
        for table in LOG_TABLES:
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'processing log is append-only'); END"
                )


def pg_backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":  # SQLite keeps 0003's triggers
        schema_editor.execute(PG_DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_sqlite_append_only")]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="auditrecord", name="append_only_no_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="auditrecord", name="append_only_no_delete"),
        pgtrigger.migrations.RemoveTrigger(model_name="processinglogentry", name="append_only_no_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="processinglogentry", name="append_only_no_delete"),
        migrations.AddField(
            model_name="auditrecord",
            name="actor_roles",
            field=models.CharField(blank=True, help_text="Rolcodes van de handelende, gesorteerd, met komma's.", max_length=300),
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
        migrations.RunPython(pg_forwards, pg_backwards),
    ]
