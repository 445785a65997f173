/* dokus-relay-notify.h
 *
 * Long-poll wake-ups. One thread per relay process holds a dedicated
 * PostgreSQL connection with LISTEN dokus_book; a push's notification
 * (from any relay process) wakes the pulls of that book waiting here. Waiting
 * pulls hold no database connection and no HTTP thread (their connection
 * is suspended).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
typedef struct DokusRelayNotify DokusRelayNotify;

/* Starts the listener thread on a connection of its own to @url
 * (transfer full: dokus_relay_notify_free() stops it and resumes every
 * waiter). NULL with @msg filled on failure. */
DokusRelayNotify *dokus_relay_notify_new (const char *url, char *msg, size_t msg_size);
void dokus_relay_notify_free (DokusRelayNotify *n);

/* The book's change counter: read it before querying, pass it to
 * dokus_relay_notify_wait(). */
uint64_t dokus_relay_notify_generation (DokusRelayNotify *n, const uint8_t book_id[16]);

/* Registers @conn (already suspended by the caller) to be resumed when
 * @book_id changes or at @deadline_ms (CLOCK_MONOTONIC milliseconds). If
 * the book changed since @generation, resumes it at once. */
void dokus_relay_notify_wait (DokusRelayNotify *n, const uint8_t book_id[16],
                              uint64_t generation, int64_t deadline_ms,
                              struct MHD_Connection *conn);

/* Called after a commit that changed @book_id: wakes this process's
 * waiters of that book at once and queues a pg_notify for the other
 * relay processes. The listener thread sends the queued notifications,
 * many books in one statement, outside the pushes' transactions: a NOTIFY
 * inside them would take PostgreSQL's global notify lock through every
 * commit's fsync and serialise the pushes of all books. */
void dokus_relay_notify_changed (DokusRelayNotify *n, const uint8_t book_id[16]);

/* Pulls waiting now (for /metrics). */
unsigned dokus_relay_notify_waiting (DokusRelayNotify *n);

/* Wakes everything (shutdown). */
void dokus_relay_notify_wake_all (DokusRelayNotify *n);

/* CLOCK_MONOTONIC in milliseconds. */
int64_t dokus_relay_now_ms (void);
