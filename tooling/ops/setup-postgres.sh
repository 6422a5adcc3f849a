#!/usr/bin/env bash
# Prepares a PostgreSQL server (14 or later) for the platform: the roles, one database, grants.
# Run it as a superuser, once, and again after an upgrade (it changes nothing that is right):
#
#   PGHOST=db.example PGUSER=postgres tooling/ops/setup-postgres.sh [database]     (default dangjian)
#
# It prints the three URLs to put in the server's environment (a password is generated for each
# login role the first time it is created; ROTATE_PASSWORDS=1 makes new ones). Store them like
# the PII key: never in the repository. What each role may do: postgres-roles.sql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=${1:-dangjian}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
psql_admin=(psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc)

gen_password() { openssl rand -base64 32 | tr -d '/+=\n' | cut -c1-32; }
role_exists() { [ "$("${psql_admin[@]}" -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$1'")" = 1 ]; }

declare -A passwords=()
for role in dangjian_owner dangjian_runtime dangjian_backup; do
  if ! role_exists "$role" || [ "${ROTATE_PASSWORDS:-0}" = 1 ]; then passwords[$role]=$(gen_password); fi
done

"${psql_admin[@]}" -d postgres -f "$here/postgres-roles.sql"
for role in "${!passwords[@]}"; do
  "${psql_admin[@]}" -d postgres -v role="$role" -v pw="${passwords[$role]}" <<'SQL'
ALTER ROLE :"role" PASSWORD :'pw';
SQL
done

if [ "$("${psql_admin[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  "${psql_admin[@]}" -d postgres -v db="$db" <<'SQL'
CREATE DATABASE :"db" OWNER dangjian_owner ENCODING 'UTF8' TEMPLATE template0;
SQL
fi
"${psql_admin[@]}" -d "$db" -f "$here/postgres-database.sql"

url() { # role password
  local pw=${2:-<已设置的密码>}
  echo "postgres://$1:$pw@$host:$port/$db?sslmode=verify-full"
}
cat <<EOT
数据库 $db 已就绪 / database $db is ready.

服务器环境变量 / server environment (a password shown only when it was just set):
  DATABASE_URL=$(url dangjian_runtime "${passwords[dangjian_runtime]:-}")
  MIGRATION_DATABASE_URL=$(url dangjian_owner "${passwords[dangjian_owner]:-}")
  PII_ENCRYPTION_KEY=\$(openssl rand -base64 32)   # once; back it up apart from the database backups
备份 / backups (pg_dump, see README 生产部署):
  BACKUP_DATABASE_URL=$(url dangjian_backup "${passwords[dangjian_backup]:-}")

TLS: sslmode=verify-full checks the server's certificate and name; add
  &sslrootcert=/etc/ssl/certs/your-ca.pem when the server's CA is not a public one. On the same
  host over a Unix socket or 127.0.0.1 you may use sslmode=disable instead.
EOT
