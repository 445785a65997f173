/* dokus-relay-db.c
 *
 * The PostgreSQL connection pool. Connections are opened at start-up; one
 * found broken at acquire (or whose last query failed with the server
 * gone) is reset there, so a PostgreSQL restart costs the requests in
 * flight a 503, and the next ones succeed once it is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-db.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <endian.h>

struct DokusRelayDb {
  pthread_mutex_t lock;
  pthread_cond_t freed;
  char *url;
  unsigned size;
  unsigned in_use;
  PGconn **conns;
  bool *busy;
};

static _Thread_local char last_sqlstate[6];

static void
ignore_notice (void *data, const char *message)
{
  /* libpq prints notices ("... already exists, skipping") on stderr,
   * which would break the one-JSON-line-per-entry log. */
  (void) data;
  (void) message;
}

void
dokus_relay_db_quiet (PGconn *conn)
{
  if (conn)
    PQsetNoticeProcessor (conn, ignore_notice, NULL);
}

static PGconn *
open_conn (const char *url)
{
  PGconn *c = PQconnectdb (url);
  dokus_relay_db_quiet (c);
  if (c && PQstatus (c) == CONNECTION_OK)
    {
      PGresult *r = PQexec (c, "SET application_name = 'dokus-relay'");
      PQclear (r);
    }
  return c;
}

DokusRelayDb *
dokus_relay_db_new (const char *url, unsigned size, char *msg, size_t msg_size)
{
  DokusRelayDb *db = calloc (1, sizeof *db);
  if (db == NULL)
    return NULL;
  pthread_mutex_init (&db->lock, NULL);
  pthread_cond_init (&db->freed, NULL);
  db->url = strdup (url);
  db->size = size;
  db->conns = calloc (size, sizeof *db->conns);
  db->busy = calloc (size, sizeof *db->busy);
  if (db->url == NULL || db->conns == NULL || db->busy == NULL)
    {
      snprintf (msg, msg_size, "out of memory");
      dokus_relay_db_free (db);
      return NULL;
    }
  for (unsigned i = 0; i < size; i++)
    {
      db->conns[i] = open_conn (url);
      if (db->conns[i] == NULL || PQstatus (db->conns[i]) != CONNECTION_OK)
        {
          snprintf (msg, msg_size, "cannot connect to PostgreSQL: %s",
                    db->conns[i] ? PQerrorMessage (db->conns[i]) : "out of memory");
          dokus_relay_db_free (db);
          return NULL;
        }
    }
  return db;
}

void
dokus_relay_db_free (DokusRelayDb *db)
{
  if (db == NULL)
    return;
  for (unsigned i = 0; db->conns && i < db->size; i++)
    if (db->conns[i])
      PQfinish (db->conns[i]);
  free (db->conns);
  free (db->busy);
  free (db->url);
  pthread_mutex_destroy (&db->lock);
  pthread_cond_destroy (&db->freed);
  free (db);
}

PGconn *
dokus_relay_db_acquire (DokusRelayDb *db, unsigned timeout_ms)
{
  struct timespec deadline;
  PGconn *c = NULL;
  unsigned slot = 0;

  clock_gettime (CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L)
    {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000L;
    }
  pthread_mutex_lock (&db->lock);
  while (db->in_use == db->size)
    if (pthread_cond_timedwait (&db->freed, &db->lock, &deadline) == ETIMEDOUT)
      break;
  if (db->in_use < db->size)
    {
      for (slot = 0; slot < db->size && db->busy[slot]; slot++)
        ;
      db->busy[slot] = true;
      db->in_use++;
      c = db->conns[slot];
    }
  pthread_mutex_unlock (&db->lock);
  if (c == NULL)
    return NULL;

  if (PQstatus (c) != CONNECTION_OK || PQtransactionStatus (c) != PQTRANS_IDLE)
    {
      /* Broken, or left inside a transaction by a failed request. */
      if (PQstatus (c) == CONNECTION_OK)
        {
          PGresult *r = PQexec (c, "ROLLBACK");
          PQclear (r);
        }
      if (PQstatus (c) != CONNECTION_OK)
        {
          PQreset (c);
          if (PQstatus (c) == CONNECTION_OK)
            {
              PGresult *r = PQexec (c, "SET application_name = 'dokus-relay'");
              PQclear (r);
            }
        }
      if (PQstatus (c) != CONNECTION_OK)
        {
          dokus_relay_db_release (db, c);
          return NULL;
        }
    }
  return c;
}

void
dokus_relay_db_release (DokusRelayDb *db, PGconn *conn)
{
  if (conn == NULL)
    return;
  pthread_mutex_lock (&db->lock);
  for (unsigned i = 0; i < db->size; i++)
    if (db->conns[i] == conn && db->busy[i])
      {
        db->busy[i] = false;
        db->in_use--;
        pthread_cond_signal (&db->freed);
        break;
      }
  pthread_mutex_unlock (&db->lock);
}

void
dokus_relay_db_usage (DokusRelayDb *db, unsigned *in_use, unsigned *size)
{
  pthread_mutex_lock (&db->lock);
  *in_use = db->in_use;
  *size = db->size;
  pthread_mutex_unlock (&db->lock);
}

void
dokus_relay_params_bytes (DokusRelayParams *p, const void *data, size_t len)
{
  p->values[p->n] = data;
  p->lengths[p->n] = (int) len;
  p->formats[p->n] = 1;
  p->n++;
}

void
dokus_relay_params_int (DokusRelayParams *p, long long value)
{
  snprintf (p->text[p->n], sizeof p->text[p->n], "%lld", value);
  p->values[p->n] = p->text[p->n];
  p->lengths[p->n] = 0;
  p->formats[p->n] = 0;
  p->n++;
}

void
dokus_relay_params_text (DokusRelayParams *p, const char *text)
{
  p->values[p->n] = text;
  p->lengths[p->n] = 0;
  p->formats[p->n] = 0;
  p->n++;
}

void
dokus_relay_params_null (DokusRelayParams *p)
{
  p->values[p->n] = NULL;
  p->lengths[p->n] = 0;
  p->formats[p->n] = 0;
  p->n++;
}

PGresult *
dokus_relay_db_exec (PGconn *conn, const char *sql, const DokusRelayParams *p, char *msg,
                     size_t msg_size)
{
  PGresult *r = PQexecParams (conn, sql, p ? p->n : 0, NULL, p ? p->values : NULL,
                              p ? p->lengths : NULL, p ? p->formats : NULL, 1);
  ExecStatusType st = r ? PQresultStatus (r) : PGRES_FATAL_ERROR;
  const char *state;

  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
    {
      last_sqlstate[0] = '\0';
      return r;
    }
  state = r ? PQresultErrorField (r, PG_DIAG_SQLSTATE) : NULL;
  snprintf (last_sqlstate, sizeof last_sqlstate, "%s", state ? state : "");
  snprintf (msg, msg_size, "%s", r ? PQresultErrorMessage (r) : PQerrorMessage (conn));
  msg[strcspn (msg, "\n")] = '\0';
  PQclear (r);
  return NULL;
}

const char *
dokus_relay_db_last_sqlstate (void)
{
  return last_sqlstate;
}

bool
dokus_relay_db_is_down (PGconn *conn)
{
  /* 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now;
   * class 08 connection exceptions. */
  return PQstatus (conn) != CONNECTION_OK || strncmp (last_sqlstate, "08", 2) == 0
         || strncmp (last_sqlstate, "57P", 3) == 0;
}

int64_t
dokus_relay_db_get_i64 (const PGresult *r, int row, int col)
{
  uint64_t v;
  if (PQgetisnull (r, row, col))
    return 0;
  if (PQgetlength (r, row, col) == 4)
    return dokus_relay_db_get_i32 (r, row, col);
  memcpy (&v, PQgetvalue (r, row, col), 8);
  return (int64_t) be64toh (v);
}

int32_t
dokus_relay_db_get_i32 (const PGresult *r, int row, int col)
{
  uint32_t v;
  if (PQgetisnull (r, row, col))
    return 0;
  if (PQgetlength (r, row, col) == 8)
    return (int32_t) dokus_relay_db_get_i64 (r, row, col);
  memcpy (&v, PQgetvalue (r, row, col), 4);
  return (int32_t) be32toh (v);
}

bool
dokus_relay_db_is_null (const PGresult *r, int row, int col)
{
  return PQgetisnull (r, row, col) != 0;
}
