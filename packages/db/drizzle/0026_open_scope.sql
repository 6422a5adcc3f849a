-- One round trip opens a scoped request. Hand-written (drizzle-kit generate --custom).
--
-- Before: the session was read in its own statement, then the scope transaction set the caller's
-- code range and the restricted role in another. Now the scope transaction's first statement is
-- `select * from app_open_scope(<token hash>)`: it reads the session and its account (as the
-- runtime role, through the dangjian_signin grants of 0024), sets the caller's code range for the
-- row-level security policies (app.scope_from / app.scope_to) and switches to dangjian_app, all
-- local to the transaction. The server still decides in JavaScript whether the session is valid
-- (idle time, expiry, disabled account: packages/domain sessionState) and rolls the transaction
-- back when it is not, so no query of the request ever runs without a valid session.

-- The significant prefix of a 12-digit statistical division code: what every code inside the
-- region starts with. Mirrors packages/domain regionPrefix (province 2, city 4, county 6,
-- township 9, village 12 digits); packages/api/src/open-scope.test.ts checks both agree.
CREATE OR REPLACE FUNCTION app_region_prefix(code text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN substr(code, 10, 3) <> '000' THEN code
      WHEN substr(code, 7, 3) <> '000' THEN left(code, 9)
      WHEN substr(code, 5, 2) <> '00' THEN left(code, 6)
      WHEN substr(code, 3, 2) <> '00' THEN left(code, 4)
      ELSE left(code, 2)
    END
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_open_scope(p_token_hash text)
  RETURNS TABLE (
    user_id integer,
    username text,
    display_name text,
    role text,
    region_code text,
    person_id integer,
    disabled boolean,
    last_seen_ms double precision,
    expires_ms double precision
  )
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  AS $$
  DECLARE
    found_row record;
  BEGIN
    SELECT u.id, u.username::text AS username, u.display_name, u.role::text AS role,
      u.region_code::text AS region_code, u.person_id, u.disabled,
      extract(epoch FROM s.last_seen_at) * 1000 AS last_seen_ms,
      extract(epoch FROM s.expires_at) * 1000 AS expires_ms
    INTO found_row
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = p_token_hash;
    IF NOT FOUND THEN
      RETURN;
    END IF;
    PERFORM set_config('app.scope_from', rpad(app_region_prefix(found_row.region_code), 12, '0'), true),
      set_config('app.scope_to', rpad(app_region_prefix(found_row.region_code), 12, '9'), true),
      set_config('role', 'dangjian_app', true);
    user_id := found_row.id;
    username := found_row.username;
    display_name := found_row.display_name;
    role := found_row.role;
    region_code := found_row.region_code;
    person_id := found_row.person_id;
    disabled := found_row.disabled;
    last_seen_ms := found_row.last_seen_ms;
    expires_ms := found_row.expires_ms;
    RETURN NEXT;
  END
  $$;
