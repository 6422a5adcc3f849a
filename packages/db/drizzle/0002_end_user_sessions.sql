-- Ending another account's sessions (an admin resets its password or disables it). Scoped
-- requests run as dangjian_app, which has no privilege on `sessions` (session rows are managed by
-- the login procedures as the owner). This function, run with the owner's rights, deletes the
-- sessions of one account only when that account lies inside the caller's scope
-- (app_in_scope on users.region_code, the same range row-level security uses). Hand-written
-- (drizzle-kit generate --custom).
CREATE FUNCTION app_end_user_sessions(target_user_id integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH gone AS (
    DELETE FROM sessions s
    USING users u
    WHERE s.user_id = u.id AND u.id = target_user_id AND app_in_scope(u.region_code)
    RETURNING 1
  )
  SELECT count(*)::integer FROM gone
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_end_user_sessions(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_end_user_sessions(integer) TO dangjian_app;
