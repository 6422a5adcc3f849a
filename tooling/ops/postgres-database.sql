-- One database of the platform. Run as a superuser connected to it, after postgres-roles.sql
-- (setup-postgres.sh does both): the owner owns it and its public schema; the runtime and backup
-- roles may connect; nobody else may connect or create anything in it.
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I OWNER TO dangjian_owner', current_database());
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO dangjian_runtime, dangjian_backup', current_database());
END $$;
ALTER SCHEMA public OWNER TO dangjian_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- A database made before these roles (migrated as a superuser, the old instructions): hand every
-- table, view, sequence, function, enum type and the migrations' schema to the owner, so that it
-- can run the next migrations and the app's SECURITY DEFINER functions run with its rights (held
-- to row-level security), not a superuser's. Extension objects (pg_trgm) stay where they are.
DO $$
DECLARE r record;
BEGIN
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    ALTER SCHEMA drizzle OWNER TO dangjian_owner;
  END IF;
  FOR r IN
    SELECT c.oid::regclass AS obj FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND pg_get_userbyid(c.relowner) <> 'dangjian_owner'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO dangjian_owner', r.obj);
  END LOOP;
  FOR r IN
    SELECT c.oid::regclass AS obj FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'drizzle') AND c.relkind = 'S'
      AND pg_get_userbyid(c.relowner) <> 'dangjian_owner'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO dangjian_owner', r.obj);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS obj FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'dangjian_owner'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO dangjian_owner', r.obj);
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS obj FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> 'dangjian_owner'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO dangjian_owner', r.obj);
  END LOOP;
END $$;
