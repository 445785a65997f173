/* dokus-sync-pair.h
 *
 * Pairing a second device or an accountant with a short code, revoking a
 * member, and picking up rotated keys (libdokus-sync; protocol and threat
 * model in docs/sync.md, "Pairing and revocation").
 *
 * Pairing: the owner device shows a 12-character base32 code
 * (XXXX-XXXX-XXXX) that lives 10 minutes and serves once. Its first 4
 * characters name a rendezvous slot at the relay; the other 8 (40 bits)
 * stay secret, and both devices derive pair_key = Argon2id(secret, salt
 * from the slot). Every message through the slot is sealed with pair_key
 * (crypto_secretbox): the relay can neither read nor forge one, so it
 * cannot put its own key in place of the new device's nor hand the new
 * device a book of its own. The owner checks each request, shows its name
 * and key fingerprint to be confirmed, registers the member (at the relay
 * and as a signed member fact in the book) and sends the book's keyring
 * sealed to the new device's key (dokus_sync_bundle_seal). Five requests
 * that do not open close the slot.
 *
 * Revocation (owner): the relay refuses the member from the next request
 * on; a signed member fact with the member's last dev_seq travels to
 * every replica; then the sync key rotates (epoch + 1) and the new
 * keyring goes to every remaining member, who picks it up at its next
 * sync (dokus_sync_client_keys_fetch). What the revoked device held
 * before stays readable to it; nothing sealed after the rotation is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <dokus/dokus-sync-client.h>
#include <dokus/dokus.h>

#define DOKUS_SYNC_PAIR_CODE_TEXT 15 /* "ABCD-EFGH-JKLM" and its NUL */
#define DOKUS_SYNC_PAIR_TTL_S 600    /* the relay keeps a slot's messages 10 minutes */

typedef struct DokusSyncPairing DokusSyncPairing;

/* A device that asks to join, shown to the owner for confirmation. All
 * members lent for the call. */
typedef struct {
  const char *device_id;
  const char *name;        /* as the device calls itself: not verified */
  const char *fingerprint; /* 16 hex characters of BLAKE2b-256 of its key, as
                              `dokus-cli device list` shows them */
  const char *role;        /* the role it gets: "device" or "accountant" */
} DokusSyncPairRequest;

/* true to accept @request. */
typedef bool (*DokusSyncPairConfirm) (const DokusSyncPairRequest *request, void *user);

/* Owner: opens a pairing for a new member of @role ("device" or
 * "accountant"): makes a code, posts the sealed offer to its slot.
 * @code gets the code to show ("ABCD-EFGH-JKLM"). *out (transfer full,
 * dokus_sync_pairing_free()) holds the secret key for
 * dokus_sync_pair_wait(). DOKUS_ERR_REFUSED ("role") unless @book's
 * device is the owner. */
DokusStatus dokus_sync_pair_offer (DokusSyncClient *client, DokusBook *book, const char *role,
                                   DokusSyncPairing **out,                /* OUT */
                                   char code[DOKUS_SYNC_PAIR_CODE_TEXT], /* OUT */
                                   DokusError *err);

/* Owner: waits up to @timeout_s (0: until the code expires) for the new
 * device, polling the slot; each tick calls @progress ("pair", seconds
 * waited, seconds allowed) if non-NULL. A request that opens is shown to
 * @confirm (NULL: accepted); accepted, the device becomes a member (relay
 * and book), the book syncs so the member fact is out, and the keyring
 * goes to the device sealed to its key. @device_id (nullable, 37 bytes)
 * gets its id. DOKUS_ERR_REFUSED: declined, or five requests that did not
 * open (field "code"); DOKUS_ERR_IO field "timeout": nobody came. */
DokusStatus dokus_sync_pair_wait (DokusSyncClient *client, DokusBook *book,
                                  DokusSyncPairing *pairing, unsigned timeout_s,
                                  DokusSyncPairConfirm confirm, void *confirm_user,
                                  DokusSyncProgress progress, void *progress_user,
                                  char *device_id, /* OUT, nullable */
                                  DokusError *err);

void dokus_sync_pairing_free (DokusSyncPairing *pairing); /* NULL does nothing; wipes the key */

/* New device: joins the book behind @code ("ABCD-EFGH-JKLM", any case,
 * dashes and spaces ignored) with @book, a new and empty book: asks to
 * join under @name (nullable: "new device"), waits up to @timeout_s (0:
 * the code's lifetime) for the owner's answer, turns sync on with the
 * keyring it receives (dokus_sync_join), closes the slot and syncs
 * (bootstrap: the book's whole history). @fingerprint (nullable, 17
 * bytes) gets this device's key fingerprint, for the user to compare with
 * what the owner shows; @progress as above. DOKUS_ERR_REFUSED field
 * "code": the code is wrong or expired. */
DokusStatus dokus_sync_pair_join (DokusSyncClient *client, DokusBook *book, const char *code,
                                  const char *name, unsigned timeout_s,
                                  DokusSyncProgress progress, void *progress_user,
                                  DokusError *err);

/* true if @code has the form of a pairing code (12 base32 characters,
 * any case, dashes and spaces ignored); says nothing of whether it works. */
bool dokus_sync_pair_code_valid (const char *code);

/* This device's key fingerprint (16 hex characters and NUL), making the
 * device key of a new book if it has none yet. */
DokusStatus dokus_sync_pair_fingerprint (DokusBook *book, char fingerprint[17], /* OUT */
                                         DokusError *err);

/* Owner: revokes member @device_id: the relay refuses it from now on, the
 * book records the signed member fact with its cut-off, the sync key
 * rotates (bundles for every remaining member at the relay) and the book
 * syncs. @new_epoch (nullable) gets the new key epoch. */
DokusStatus dokus_sync_client_revoke (DokusSyncClient *client, DokusBook *book,
                                      const char *device_id, uint32_t *new_epoch, /* OUT */
                                      DokusError *err);

/* Any member: fetches this device's key bundles from the relay and opens
 * those of epochs this book does not have yet (dokus_sync_bundle_open);
 * envelopes that waited for them apply. @added (nullable) counts new
 * keys. */
DokusStatus dokus_sync_client_keys_fetch (DokusSyncClient *client, DokusBook *book,
                                          uint32_t *added, /* OUT */
                                          DokusError *err);
