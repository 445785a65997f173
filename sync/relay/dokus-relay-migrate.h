/* dokus-relay-migrate.h
 *
 * Applies the embedded schema/relay migrations at start-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include <libpq-fe.h>

/* Brings the database behind @conn to the newest schema: each missing
 * migration in its own transaction, all under one advisory lock so that
 * relays starting together apply each exactly once. Refuses a database
 * newer than this binary. 0 on success, else -1 with @msg filled. */
int dokus_relay_migrate (PGconn *conn, char *msg, size_t msg_size);

/* The newest schema version this binary carries. */
int dokus_relay_schema_version (void);
