-- Production roles and forced row-level security. Hand-written (drizzle-kit generate --custom).
--
-- On a PostgreSQL server three roles take part (tooling/ops/setup-postgres.sql creates them):
--   the owner (dangjian_owner) owns every table and runs the migrations and the seed;
--   the runtime login role (dangjian_runtime) is what the server connects as: no superuser, owns
--     nothing, is a member of dangjian_app (scoped requests SET LOCAL ROLE to it) and of
--     dangjian_signin (below);
--   dangjian_app (0001_security.sql): the role every scoped request runs as.
-- Embedded PGlite runs as one superuser: none of this changes what it may do.

-- What the server does before it knows who is calling: sign in (users by name, sessions, login
-- attempts and their throttling) and the rate-limited security events. Granted to the runtime login
-- role by the setup script; created here when absent (a superuser migrating: PGlite, a test server).
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_signin') THEN
    CREATE ROLE dangjian_signin NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO dangjian_signin;
--> statement-breakpoint
GRANT SELECT ON users TO dangjian_signin;
--> statement-breakpoint
GRANT UPDATE (password_hash, password_changed_at, updated_at) ON users TO dangjian_signin;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO dangjian_signin;
--> statement-breakpoint
GRANT SELECT, INSERT ON login_attempts TO dangjian_signin;
--> statement-breakpoint
GRANT UPDATE (success) ON login_attempts TO dangjian_signin;
--> statement-breakpoint
GRANT SELECT, INSERT ON security_events TO dangjian_signin;
--> statement-breakpoint
GRANT UPDATE (suppressed) ON security_events TO dangjian_signin;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_signin;
--> statement-breakpoint
CREATE POLICY users_sign_in ON users FOR SELECT TO dangjian_signin USING (true);
--> statement-breakpoint
CREATE POLICY users_change_password ON users FOR UPDATE TO dangjian_signin USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY security_events_sign_in_read ON security_events FOR SELECT TO dangjian_signin USING (true);
--> statement-breakpoint
CREATE POLICY security_events_sign_in_insert ON security_events FOR INSERT TO dangjian_signin WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY security_events_count_suppressed ON security_events FOR UPDATE TO dangjian_signin
  USING (suppressed > 0) WITH CHECK (suppressed > 0);
--> statement-breakpoint

-- FORCE: the table owner is held to the policies too (only a superuser or a BYPASSRLS role is
-- not). The owner reaches rows as a member of dangjian_app, within the range its connection sets
-- (the maintenance connection sets the whole country: openDatabase's migrationUrl); with no
-- DELETE policy on audit_log it cannot delete audit rows even with the triggers disabled. Every
-- table with row-level security today; a later migration that enables it on a new table must
-- FORCE it as well (packages/db/src/security.test.ts checks the catalog).
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
  LOOP
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
