-- Security: the application role, row-level security keyed on the region scope, and the
-- append-only audit log. Hand-written (drizzle-kit generate --custom): drizzle does not model
-- roles, policies or triggers.

-- Scoped requests run as this role (SET LOCAL ROLE in their transaction); the owner (migrations,
-- seed, login) does not. Roles are cluster-wide: tolerate a concurrent creator.
DO $$ BEGIN
  -- Created only when absent: an owner without CREATEROLE migrates a database whose roles the
  -- setup script made (tooling/ops/setup-postgres.sql).
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangjian_app') THEN
    CREATE ROLE dangjian_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT dangjian_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- superusers need no membership
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO dangjian_app;
--> statement-breakpoint
GRANT SELECT ON regions TO dangjian_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON orgs, people, users, org_grades, org_changes, policy_sets,
  pay_runs, pay_run_lines, region_stats, fund_records TO dangjian_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO dangjian_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dangjian_app;
--> statement-breakpoint

-- Row-level security: a row is visible and writable only when its region lies in the range set
-- for the transaction (app.scope_from / app.scope_to, from the caller's 12-digit region code).
-- Unset scope (NULL) matches nothing.
CREATE FUNCTION app_in_scope(code varchar) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT code BETWEEN current_setting('app.scope_from', true) AND current_setting('app.scope_to', true)
$$;
--> statement-breakpoint
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY orgs_scope ON orgs TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY people_scope ON people TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_scope ON users TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE org_grades ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_grades_scope ON org_grades TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE org_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_changes_scope ON org_changes TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE pay_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pay_runs_scope ON pay_runs TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE pay_run_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pay_run_lines_scope ON pay_run_lines TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE region_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY region_stats_scope ON region_stats TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE fund_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fund_records_scope ON fund_records TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- Policy sets: everyone reads them (a county must see the city's set that applies to it); a
-- department writes only sets of its own region.
ALTER TABLE policy_sets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY policy_sets_read ON policy_sets FOR SELECT TO dangjian_app USING (true);
--> statement-breakpoint
CREATE POLICY policy_sets_write ON policy_sets FOR INSERT TO dangjian_app WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_read_scope ON audit_log FOR SELECT TO dangjian_app USING (app_in_scope(region_code));
--> statement-breakpoint
CREATE POLICY audit_log_insert ON audit_log FOR INSERT TO dangjian_app WITH CHECK (true);
--> statement-breakpoint

-- The audit log is append-only, for everyone including the owner.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只可追加，不可修改或删除' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

--> statement-breakpoint

-- A committed pay run is immutable: its lines never change, and the run itself may only move
-- from committed to superseded (when a correction run replaces it).
CREATE FUNCTION pay_run_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'pay_runs' AND TG_OP = 'UPDATE'
     AND OLD.status = 'committed' AND NEW.status = 'superseded'
     AND (to_jsonb(OLD) - 'status') = (to_jsonb(NEW) - 'status') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '已提交的报酬核算不可修改；如需更正，请新建一次核算替代它' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER pay_runs_immutable BEFORE UPDATE OR DELETE ON pay_runs
  FOR EACH ROW EXECUTE FUNCTION pay_run_immutable();
--> statement-breakpoint
CREATE TRIGGER pay_run_lines_immutable BEFORE UPDATE OR DELETE ON pay_run_lines
  FOR EACH ROW EXECUTE FUNCTION pay_run_immutable();
