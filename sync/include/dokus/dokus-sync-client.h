/* dokus-sync-client.h
 *
 * The relay client of book sync (libdokus-sync): signs in to a
 * dokus-relay with the device key, registers a new book, pushes the
 * book's outbox and pulls and applies what other devices pushed, over
 * HTTPS with certificate verification (docs/sync-protocol.md). The
 * merge itself is libdokus's (dokus/dokus-sync.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>

#include <dokus/dokus.h>

typedef struct DokusSyncClient DokusSyncClient;

/* Progress: @stage is "sign-in", "push" or "pull"; @done of @total
 * (total -1 if unknown). */
typedef void (*DokusSyncProgress) (const char *stage, int64_t done, int64_t total, void *user);

typedef struct {
  int64_t pushed;    /* envelopes acknowledged by the relay */
  int64_t pulled;    /* envelopes received */
  int64_t applied;   /* of those, applied now */
  int64_t waiting;   /* ops waiting for a predecessor */
  int64_t head_seq;  /* the relay's head after the last pull */
} DokusSyncRunStats;

/* A client of the relay at @relay_url ("https://relay.example"; plain
 * http only for loopback tests). @ca_file (nullable) replaces the system
 * CA bundle. *out: (transfer full), dokus_sync_client_free(). */
DokusStatus dokus_sync_client_new (const char *relay_url, const char *ca_file,
                                   DokusSyncClient **out, DokusError *err);
void dokus_sync_client_free (DokusSyncClient *client); /* NULL does nothing */

/* Registers @book (sync enabled, this device its owner) at the relay.
 * DOKUS_ERR_REFUSED ("book_id") if the relay has it already. */
DokusStatus dokus_sync_client_register (DokusSyncClient *client, DokusBook *book,
                                        DokusError *err);

/* Signs in, pushes every unacknowledged outbox envelope (in batches of
 * 100, retrying identical bytes), then pulls and applies until the
 * relay's head. @progress nullable. */
DokusStatus dokus_sync_client_run (DokusSyncClient *client, DokusBook *book,
                                   DokusSyncProgress progress, void *user,
                                   DokusSyncRunStats *stats, /* OUT, nullable */
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
