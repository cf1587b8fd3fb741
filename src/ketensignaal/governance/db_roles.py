"""The PostgreSQL roles Ketensignaal runs as (docs/operations.md, "Database roles").

- the **owner** role (default ``ketensignaal_owner``) owns the database, the schema and every table; migrations run as
  it and nothing else does;
- the **application** role (default ``ketensignaal_app``) is what the web server, the API and the job worker connect
  as: SELECT/INSERT/UPDATE/DELETE on the application's tables, but on the processing log (entries and audit records)
  only SELECT and INSERT, and on the log's head row no DELETE or TRUNCATE. It owns nothing, so it can neither drop nor
  disable the log's triggers, and it is no superuser, so it cannot set ``session_replication_role``.

``ketensignaal db-roles`` runs these statements (as a PostgreSQL superuser, or with ``--grants-only`` as the owner).
"""

from __future__ import annotations

import re

OWNER_ROLE = "ketensignaal_owner"
APP_ROLE = "ketensignaal_app"
LOG_TABLES = ("governance_processinglogentry", "governance_auditrecord")
HEAD_TABLE = "governance_loghead"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _ident(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"Not a plain PostgreSQL role or database name: {name!r}")
    return f'"{name}"'


def create_role_statements(*roles: str) -> list[str]:
    """Idempotent, and safe when two sessions create the same role at once."""
    return [
        f"DO $$ BEGIN CREATE ROLE {_ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; "
        f"EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        for role in roles
    ]


def ownership_statements(owner: str, database: str) -> list[str]:
    """Give the owner role the database, the schema and everything in it (an installation that migrated as another
    role first). Needs a superuser."""
    o = _ident(owner)
    return [
        f"ALTER DATABASE {_ident(database)} OWNER TO {o}",
        f"ALTER SCHEMA public OWNER TO {o}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"""DO $$
DECLARE r record;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND c.relowner <> '{owner}'::regrole
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO {o}', r.name);
    END LOOP;
    FOR r IN
        SELECT c.oid::regclass AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> '{owner}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO {o}', r.name);
    END LOOP;
    FOR r IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '{owner}'::regrole
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO {o}', r.name);
    END LOOP;
    FOR r IN
        SELECT t.oid::regtype AS name FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> '{owner}'::regrole
          AND t.typtype IN ('e', 'd')
    LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO {o}', r.name);
    END LOOP;
END $$""",  # noqa: S608 - role names are checked against _NAME
    ]


def grant_statements(owner: str, app: str, database: str) -> list[str]:
    """What the application role may do, now and on tables later migrations create; then the log's exceptions."""
    o, a = _ident(owner), _ident(app)
    entries, audit = LOG_TABLES
    return [
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_ident(database)} TO {a}",
        f"GRANT USAGE ON SCHEMA public TO {a}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {a}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {a}",
        f"GRANT EXECUTE ON ALL ROUTINES IN SCHEMA public TO {a}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {a}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public GRANT EXECUTE ON ROUTINES TO {a}",
        f"""DO $$ BEGIN
    IF to_regclass('public.{entries}') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON public.{entries}, public.{audit} FROM {a}, PUBLIC;
        REVOKE DELETE, TRUNCATE ON public.{HEAD_TABLE} FROM {a}, PUBLIC;
    END IF;
END $$""",
    ]
