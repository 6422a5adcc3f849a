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
