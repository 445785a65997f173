/* dokus-relay-main.c
 *
 * dokus-relay: reads its settings, loads the token key, brings the
 * PostgreSQL schema up to date (under an advisory lock), opens the pool
 * and the LISTEN connection, serves HTTP(S) until SIGTERM or SIGINT, then
 * answers the waiting pulls and stops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-config.h"
#include "dokus-relay-log.h"
#include "dokus-relay-migrate.h"
#include "dokus-relay-server.h"

static int
write_port_file (const char *path, unsigned port)
{
  char tmp[4096];
  FILE *f;
  snprintf (tmp, sizeof tmp, "%s.tmp", path);
  f = fopen (tmp, "w");
  if (f == NULL)
    return -1;
  fprintf (f, "%u\n", port);
  if (fclose (f) != 0)
    return -1;
  return rename (tmp, path); /* readers never see a half-written file */
}

static int
fail (const char *event, const char *msg)
{
  dokus_relay_log_event ("error", event, msg);
  fprintf (stderr, "dokus-relay: %s\n", msg);
  return 1;
}

int
main (int argc, char **argv)
{
  DokusRelayConfig cfg;
  DokusRelayServer srv = { 0 };
  char msg[512];
  sigset_t sigs;
  int sig = 0, rc = 1;
  PGconn *conn;
  const char *fault = getenv ("DOKUS_RELAY_TEST_FAULT");

  switch (dokus_relay_config_parse (&cfg, argc, argv, msg, sizeof msg))
    {
    case 0:
      break;
    case 1:
      dokus_relay_config_clear (&cfg);
      return 0;
    default:
      fprintf (stderr, "dokus-relay: %s\n", msg);
      dokus_relay_config_clear (&cfg);
      return 2;
    }
  if (sodium_init () < 0)
    return fail ("start", "libsodium cannot start");
  srv.cfg = &cfg;
  srv.fault_kill_after_commit = fault && strcmp (fault, "kill-after-commit") == 0;
  srv.key = sodium_malloc (DOKUS_RELAY_KEY_BYTES);
  if (srv.key == NULL || dokus_relay_key_load (cfg.key_file, srv.key, msg, sizeof msg) != 0)
    {
      rc = fail ("start", srv.key ? msg : "out of memory");
      goto out;
    }

  /* Threads started from here on inherit the blocked signals; main waits. */
  sigemptyset (&sigs);
  sigaddset (&sigs, SIGINT);
  sigaddset (&sigs, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &sigs, NULL);
  signal (SIGPIPE, SIG_IGN);

  conn = PQconnectdb (cfg.database_url);
  dokus_relay_db_quiet (conn);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      snprintf (msg, sizeof msg, "cannot connect to PostgreSQL: %s", PQerrorMessage (conn));
      msg[strcspn (msg, "\n")] = '\0';
      PQfinish (conn);
      rc = fail ("start", msg);
      goto out;
    }
  if (dokus_relay_migrate (conn, msg, sizeof msg) != 0)
    {
      PQfinish (conn);
      rc = fail ("migrate", msg);
      goto out;
    }
  PQfinish (conn);

  srv.db = dokus_relay_db_new (cfg.database_url, cfg.pool_size, msg, sizeof msg);
  if (srv.db == NULL)
    {
      rc = fail ("start", msg);
      goto out;
    }
  srv.notify = dokus_relay_notify_new (cfg.database_url, msg, sizeof msg);
  if (srv.notify == NULL)
    {
      rc = fail ("start", msg);
      goto out;
    }
  srv.rate_device = dokus_relay_ratelimit_new (cfg.rate_device);
  srv.rate_address = dokus_relay_ratelimit_new (cfg.rate_address);
  if (srv.rate_device == NULL || srv.rate_address == NULL)
    {
      rc = fail ("start", "out of memory");
      goto out;
    }
  if (dokus_relay_http_start (&srv, msg, sizeof msg) != 0)
    {
      rc = fail ("listen", msg);
      goto out;
    }
  if (cfg.port_file && write_port_file (cfg.port_file, srv.port) != 0)
    {
      snprintf (msg, sizeof msg, "cannot write the port file %s", cfg.port_file);
      rc = fail ("listen", msg);
      goto out;
    }
  snprintf (msg, sizeof msg, "listening on %s port %u (%s), schema %d, %u threads, pool %u%s",
            cfg.listen_host, srv.port, cfg.tls_cert ? "https" : "http",
            dokus_relay_schema_version (), cfg.threads, cfg.pool_size,
            srv.fault_kill_after_commit ? ", TEST FAULT kill-after-commit" : "");
  dokus_relay_log_event ("info", "listening", msg);

  sigwait (&sigs, &sig);
  snprintf (msg, sizeof msg, "signal %d: stopping", sig);
  dokus_relay_log_event ("info", "stopping", msg);
  rc = 0;
out:
  if (srv.notify)
    dokus_relay_notify_wake_all (srv.notify);
  dokus_relay_http_stop (&srv);
  dokus_relay_notify_free (srv.notify);
  dokus_relay_db_free (srv.db);
  dokus_relay_ratelimit_free (srv.rate_device);
  dokus_relay_ratelimit_free (srv.rate_address);
  if (srv.key)
    sodium_free (srv.key); /* sodium_free wipes it */
  dokus_relay_config_clear (&cfg);
  return rc;
}
