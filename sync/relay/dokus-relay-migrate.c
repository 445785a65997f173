/* dokus-relay-migrate.c
 *
 * Relay schema migrations: schema/relay/NNNN-*.sql, embedded by
 * schema/embed-sql.c. The applied versions live in relay_schema. A
 * session advisory lock (key DOKUS_MIGRATE_LOCK) serialises relays that
 * start at the same moment against one database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relay-migrations.h"

#define DOKUS_MIGRATE_LOCK "7240393130"  /* arbitrary, fixed: "dokus relay" */

static int
run (PGconn *conn, const char *sql, char *msg, size_t msg_size)
{
  PGresult *r = PQexec (conn, sql);
  ExecStatusType st = PQresultStatus (r);
  int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  if (!ok)
    {
      snprintf (msg, msg_size, "%s", PQresultErrorMessage (r));
      msg[strcspn (msg, "\n")] = '\0';
    }
  PQclear (r);
  return ok ? 0 : -1;
}

int
dokus_relay_schema_version (void)
{
  return dokus_relay_migrations[dokus_relay_migrations_count - 1].version;
}

int
dokus_relay_migrate (PGconn *conn, char *msg, size_t msg_size)
{
  PGresult *r;
  int current = 0, rc = -1;

  if (run (conn, "SELECT pg_advisory_lock(" DOKUS_MIGRATE_LOCK ")", msg, msg_size) != 0)
    return -1;
  if (run (conn,
           "CREATE TABLE IF NOT EXISTS relay_schema (version integer PRIMARY KEY, "
           "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
           msg, msg_size)
      != 0)
    goto out;
  r = PQexec (conn, "SELECT coalesce(max(version), 0) FROM relay_schema");
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    {
      snprintf (msg, msg_size, "reading relay_schema: %s", PQresultErrorMessage (r));
      PQclear (r);
      goto out;
    }
  current = atoi (PQgetvalue (r, 0, 0));
  PQclear (r);
  if (current > dokus_relay_schema_version ())
    {
      snprintf (msg, msg_size,
                "the database has relay schema %d, newer than this dokus-relay (%d): "
                "upgrade the relay",
                current, dokus_relay_schema_version ());
      goto out;
    }
  for (size_t i = 0; i < dokus_relay_migrations_count; i++)
    {
      const DokusBookMigration *m = &dokus_relay_migrations[i];
      char version[16];
      const char *params[2] = { version, m->name };

      if (m->version <= current)
        continue;
      snprintf (version, sizeof version, "%d", m->version);
      if (run (conn, "BEGIN", msg, msg_size) != 0)
        goto out;
      if (run (conn, m->sql, msg, msg_size) != 0)
        {
          char inner[200];
          snprintf (inner, sizeof inner, "%s", msg);
          snprintf (msg, msg_size, "migration %04d-%s: %s", m->version, m->name, inner);
          PQclear (PQexec (conn, "ROLLBACK"));
          goto out;
        }
      r = PQexecParams (conn, "INSERT INTO relay_schema (version, name) VALUES ($1, $2)", 2,
                        NULL, params, NULL, NULL, 0);
      if (PQresultStatus (r) != PGRES_COMMAND_OK)
        {
          snprintf (msg, msg_size, "recording migration %d: %s", m->version,
                    PQresultErrorMessage (r));
          PQclear (r);
          PQclear (PQexec (conn, "ROLLBACK"));
          goto out;
        }
      PQclear (r);
      if (run (conn, "COMMIT", msg, msg_size) != 0)
        goto out;
    }
  rc = 0;
out:
  {
    char ignored[8];
    run (conn, "SELECT pg_advisory_unlock(" DOKUS_MIGRATE_LOCK ")", ignored, sizeof ignored);
  }
  return rc;
}
