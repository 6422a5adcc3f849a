-- Security events: privileges and row-level security. Hand-written (drizzle-kit generate --custom),
-- modelled on the audit log's in 0001_security.sql. The events belong to the city's organisation
-- department: a scope that covers a whole city (app.scope_from …00000000 to …99999999 of one
-- 4-digit city prefix) reads the events of its region and those naming no region (logins of
-- unknown accounts, anonymous calls); no other scope reads any. The app role may add events but
-- never change or delete them.
GRANT SELECT, INSERT ON security_events TO dangjian_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON security_events FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE security_events_id_seq TO dangjian_app;
--> statement-breakpoint
CREATE FUNCTION app_is_city_scope() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    current_setting('app.scope_from', true) ~ '^[0-9]{4}0{8}$'
    AND current_setting('app.scope_to', true) ~ '^[0-9]{4}9{8}$'
    AND left(current_setting('app.scope_from', true), 4) = left(current_setting('app.scope_to', true), 4),
    false)
$$;
--> statement-breakpoint
ALTER TABLE security_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY security_events_read_city ON security_events FOR SELECT TO dangjian_app
  USING (app_is_city_scope() AND (region_code IS NULL OR app_in_scope(region_code)));
--> statement-breakpoint
CREATE POLICY security_events_insert ON security_events FOR INSERT TO dangjian_app WITH CHECK (true);
