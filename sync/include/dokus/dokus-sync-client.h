/* dokus-sync-client.h
 *
 * The relay client of book sync (libdokus-sync): signs in to a
 * dokus-relay with the device key, keeps its tokens fresh, registers a
 * new book, pushes the book's outbox and pulls and applies what other
 * devices pushed, over HTTPS with certificate verification
 * (docs/sync-protocol.md). The merge itself is libdokus's
 * (dokus/dokus-sync.h).
 *
 * Robustness (docs/sync.md, "Relay client"): the access token is
 * refreshed with the rotating refresh token before it expires or when the
 * relay answers 401, and the device signs in again by challenge when the
 * refresh family is dead; 429 and 503 are retried after their
 * Retry-After, network errors and other 5xx with exponential back-off and
 * full jitter, a bounded number of times, then reported (DOKUS_ERR_IO,
 * field "relay"). Tokens never appear in an error message.
 *
 * Threading: a client is used by one thread at a time, except
 * dokus_sync_client_cancel(), which any thread or a signal handler may
 * call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>

#include <dokus/dokus.h>

typedef struct DokusSyncClient DokusSyncClient;

/* Larger differences between the relay's clock and ours make
 * dokus_sync_client_clock_ok() false (SYNC.md: 5 minutes). */
#define DOKUS_SYNC_MAX_CLOCK_SKEW_MS (5 * 60 * 1000)

/* Progress: @stage is "sign-in", "push" or "pull"; @done of @total
 * (total -1 if unknown). */
typedef void (*DokusSyncProgress) (const char *stage, int64_t done, int64_t total, void *user);

typedef struct {
  int64_t pushed;        /* envelopes acknowledged by the relay */
  int64_t pulled;        /* envelopes received */
  int64_t applied;       /* of those, applied now */
  int64_t waiting;       /* ops waiting for a predecessor */
  int64_t head_seq;      /* the relay's head after the last pull */
  int64_t retries;       /* requests repeated after a transient failure */
  int64_t sign_ins;      /* challenge sign-ins during the run */
  int64_t refreshes;     /* token refreshes during the run */
  int64_t lagging;       /* devices whose relay head this book has not applied at head_seq */
  int64_t clock_skew_ms; /* relay clock minus ours at the last pull (0 if unknown) */
  int64_t snapshots;     /* snapshots loaded (the cursor was below the relay's floor) */
} DokusSyncRunStats;

/* Retry and timing policy; zero members take the defaults. */
typedef struct {
  unsigned max_attempts;  /* tries per request on a transient failure; 0: 8 */
  unsigned base_delay_ms; /* first back-off ceiling; 0: 250 */
  unsigned max_delay_ms;  /* cap of one back-off wait; 0: 10 000 (a Retry-After of up
                             to 60 s is waited for as asked; a longer one is reported) */
  unsigned timeout_s;     /* one request, beside a long-poll's wait; 0: 60 */
  DokusSyncClock clock;   /* wall clock in Unix ms for the clock check; NULL: the system's */
  void *clock_user;
} DokusSyncClientOptions;

/* A client of the relay at @relay_url ("https://relay.example"; plain
 * http only for loopback tests). @ca_file (nullable) replaces the system
 * CA bundle. *out: (transfer full), dokus_sync_client_free(). */
DokusStatus dokus_sync_client_new (const char *relay_url, const char *ca_file,
                                   DokusSyncClient **out, DokusError *err);
void dokus_sync_client_free (DokusSyncClient *client); /* NULL does nothing; wipes tokens */

/* Replaces the retry and timing policy (@options copied; NULL: defaults). */
void dokus_sync_client_set_options (DokusSyncClient *client,
                                    const DokusSyncClientOptions *options);

/* Asks the running (or next) call to stop: a transfer or back-off wait in
 * progress ends at once and the call returns DOKUS_ERR_IO with field
 * "cancelled". Async-signal-safe. */
void dokus_sync_client_cancel (DokusSyncClient *client);
bool dokus_sync_client_cancelled (const DokusSyncClient *client);

/* Registers @book (sync enabled, this device its owner) at the relay.
 * DOKUS_ERR_REFUSED ("book_id") if the relay has it already. */
DokusStatus dokus_sync_client_register (DokusSyncClient *client, DokusBook *book,
                                        DokusError *err);

/* Signs in (or reuses fresh tokens), pushes every unacknowledged outbox
 * envelope (in batches of 100, retrying identical bytes; envelopes the
 * relay has already are acknowledged with their first server_seq), then
 * pulls and applies until the relay's head. A cursor below the relay's
 * snapshot floor (410) loads the newest snapshot first
 * (dokus_sync_client_snapshot_put), then pulls on after it.
 * Refusals: DOKUS_ERR_REFUSED with field "dev_seq" (the relay holds other
 * content under one of this device's numbers: a restored or copied book;
 * pair it again as a new device) or "revoked"; field "snapshot" when the
 * relay has compacted past this book's cursor and holds no snapshot.
 * @progress nullable. */
DokusStatus dokus_sync_client_run (DokusSyncClient *client, DokusBook *book,
                                   DokusSyncProgress progress, void *user,
                                   DokusSyncRunStats *stats, /* OUT, nullable */
                                   DokusError *err);

/* The same, but when nothing is new at the relay the first pull waits up
 * to @wait_s seconds (long-poll, at most 30) for another device's push.
 * A loop of these, stopped by dokus_sync_client_cancel(), is a continuous
 * sync (dokus-cli sync --watch). */
DokusStatus dokus_sync_client_run_wait (DokusSyncClient *client, DokusBook *book,
                                        unsigned wait_s, DokusSyncProgress progress, void *user,
                                        DokusSyncRunStats *stats, /* OUT, nullable */
                                        DokusError *err);

/* false when the last pull of @stats saw the relay's clock more than
 * DOKUS_SYNC_MAX_CLOCK_SKEW_MS away from ours: the caller must not create
 * changes (SYNC.md: "your clock is N minutes off"); applying goes on. */
bool dokus_sync_client_clock_ok (const DokusSyncRunStats *stats);

/* Uploads a snapshot of @book for devices whose cursor the relay compacts
 * away (owner only): the envelopes of every device up to the book's
 * cursor, each still sealed and signed by its device, in one
 * crypto_secretstream under a key derived from the current sync key.
 * Builds on the previous snapshot, so it works after compaction too.
 * *upto_seq (nullable) gets the snapshot's server_seq. */
DokusStatus dokus_sync_client_snapshot_put (DokusSyncClient *client, DokusBook *book,
                                            int64_t *upto_seq, /* OUT, nullable */
                                            DokusError *err);

/* Registers another device (@role "device" or "accountant") with its
 * Ed25519 key as a member of @book at the relay; the caller, @book's
 * device, must be the book's owner there. The book also accepts that
 * device's envelopes from now on (dokus_sync_member_add). Part of
 * pairing: the key travels to the new device by the pairing code. */
DokusStatus dokus_sync_client_add_member (DokusSyncClient *client, DokusBook *book,
                                          const char *device_id,
                                          const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                                          const char *role, DokusError *err);

/* Takes the lease of @series ("invoice/2026") for this device, the
 * SYNC.md way: syncs first (push, pull to the head), then, if the lease is
 * free and this book has pulled through its release_seq, compare-and-sets
 * epoch + 1 at the relay and records it in the book. DOKUS_ERR_REFUSED
 * (field "lease") when another device holds it or the compare-and-set is
 * lost (the message names the holder). Holding it already is fine. */
DokusStatus dokus_sync_client_lease_take (DokusSyncClient *client, DokusBook *book,
                                          const char *series, DokusError *err);

/* Releases the lease of @series that this device holds: pushes
 * everything first, then frees it at the relay with release_seq = the
 * server_seq of this device's last envelope, so the next holder numbers
 * on from the last number issued here. */
DokusStatus dokus_sync_client_lease_release (DokusSyncClient *client, DokusBook *book,
                                             const char *series, DokusError *err);
