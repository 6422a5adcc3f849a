-- The platform's roles on a PostgreSQL server (cluster-wide). Run as a superuser; idempotent
-- (run it again after an upgrade). setup-postgres.sh runs it, then sets the passwords; the test
-- databases (packages/db/src/testing.ts) are made with the same file.
--
--   dangjian_owner    LOGIN  owns the database and every table; migrations and the seed run as it
--                            (MIGRATION_DATABASE_URL). Not a superuser, no BYPASSRLS: row-level
--                            security is FORCEd, so it reaches rows only as a member of
--                            dangjian_app within the range its connection declares.
--   dangjian_runtime  LOGIN  what the server connects as (DATABASE_URL): owns nothing, so it
--                            cannot ALTER a table or disable a trigger; no superuser, so RESET ROLE
--                            inside a scoped transaction gives nothing back.
--   dangjian_app      NOLOGIN  scoped requests run as it (SET LOCAL ROLE), under row-level security.
--   dangjian_signin   NOLOGIN  sign-in, sessions, login throttling, security events (before the
--                            caller is known).
--   dangjian_backup   LOGIN  pg_dump only: reads everything (pg_read_all_data, BYPASSRLS), writes
--                            nothing.
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_app') THEN
    CREATE ROLE dangjian_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_signin') THEN
    CREATE ROLE dangjian_signin NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_owner') THEN
    CREATE ROLE dangjian_owner LOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_runtime') THEN
    CREATE ROLE dangjian_runtime LOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_backup') THEN
    CREATE ROLE dangjian_backup LOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

ALTER ROLE dangjian_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
ALTER ROLE dangjian_signin NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
ALTER ROLE dangjian_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
ALTER ROLE dangjian_runtime LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
ALTER ROLE dangjian_backup LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOREPLICATION;

-- The owner reaches rows as the app role (within its connection's range); the runtime role
-- switches to it for scoped requests and signs people in as dangjian_signin.
GRANT dangjian_app TO dangjian_owner;
GRANT dangjian_app TO dangjian_runtime;
GRANT dangjian_signin TO dangjian_runtime;
GRANT pg_read_all_data TO dangjian_backup;
