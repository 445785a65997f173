/* dokus-relay-db.h
 *
 * A fixed pool of PostgreSQL connections shared by the HTTP threads. A
 * connection that broke (PostgreSQL restarted) is reset on its next
 * acquire, so the relay recovers by itself. Query helpers send ids and
 * ciphertext as binary parameters and read binary results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

typedef struct DokusRelayDb DokusRelayDb;

/* Opens @size connections to @url (transfer full: dokus_relay_db_free()).
 * NULL with @msg filled when the first connection fails. */
DokusRelayDb *dokus_relay_db_new (const char *url, unsigned size, char *msg, size_t msg_size);
void dokus_relay_db_free (DokusRelayDb *db);

/* A connection for one request, waiting up to @timeout_ms for a free one;
 * NULL when none is free in time or the database cannot be reached.
 * (transfer none): give it back with dokus_relay_db_release(). */
PGconn *dokus_relay_db_acquire (DokusRelayDb *db, unsigned timeout_ms);
void dokus_relay_db_release (DokusRelayDb *db, PGconn *conn);

/* Drops @conn's server notices (libpq would print them on stderr). */
void dokus_relay_db_quiet (PGconn *conn);

/* Connections in use and in the pool (for /metrics). */
void dokus_relay_db_usage (DokusRelayDb *db, unsigned *in_use, unsigned *size);

/* Parameters of one query: up to 16 values, text or binary. */
typedef struct {
  int n;
  const char *values[16];
  int lengths[16];
  int formats[16];
  char text[16][24]; /* storage for integers sent as text */
} DokusRelayParams;

void dokus_relay_params_bytes (DokusRelayParams *p, const void *data, size_t len);
void dokus_relay_params_int (DokusRelayParams *p, long long value);
void dokus_relay_params_text (DokusRelayParams *p, const char *text);
void dokus_relay_params_null (DokusRelayParams *p);

/* Runs @sql with @p (may be NULL); binary results. Returns the result
 * (transfer full: PQclear()) when it is PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK, else NULL with PostgreSQL's message in @msg. */
PGresult *dokus_relay_db_exec (PGconn *conn, const char *sql, const DokusRelayParams *p,
                               char *msg, size_t msg_size);

/* The SQLSTATE of the last failure seen by dokus_relay_db_exec() on this
 * thread ("" if none). */
const char *dokus_relay_db_last_sqlstate (void);

/* true when @conn's server went away (the answer is then 503). */
bool dokus_relay_db_is_down (PGconn *conn);

/* Binary result readers. */
int64_t dokus_relay_db_get_i64 (const PGresult *r, int row, int col);
int32_t dokus_relay_db_get_i32 (const PGresult *r, int row, int col);
bool dokus_relay_db_is_null (const PGresult *r, int row, int col);
