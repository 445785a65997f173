/* dokus-sync-status.h
 *
 * Sync as the header bar shows it: a menu button whose icon and tooltip
 * say whether the book syncs, when it last synced, how many changes wait
 * to be sent, and whether the last attempt found the relay offline or
 * failed; its popover says the same in words and has Sync Now (and Cancel
 * while a sync runs), which runs
 * libdokus-sync's client (dokus-sync-client.h) on the session's worker
 * with the relay of the "sync-relay-url" setting (or DOKUS_RELAY_URL).
 * The figures come from the book (dokus-sync.h): gui keeps no sync rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

/* What the book says about its sync, read on the main thread. */
typedef struct {
  gboolean enabled;
  gint64   to_send;   /* outbox envelopes the relay has not acknowledged */
  gint64   waiting;   /* received changes waiting for an earlier one */
  guint    n_devices; /* members, this device included, revoked ones not */
  char    *role;      /* "owner", "device", "accountant"; NULL when off */
} DokusSyncFacts;

/* Fills @facts from @session's book (all zero when sync is off or the
 * book is closed); free with dokus_sync_facts_clear(). */
void dokus_sync_facts_read (DokusSession *session, DokusSyncFacts *facts);
void dokus_sync_facts_clear (DokusSyncFacts *facts);

/* (transfer full) the relay URL: the "sync-relay-url" setting, else
 * DOKUS_RELAY_URL; NULL when neither is set. */
char *dokus_sync_relay_url (void);

#define DOKUS_TYPE_SYNC_STATUS (dokus_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (DokusSyncStatus, dokus_sync_status, DOKUS, SYNC_STATUS, AdwBin)

void dokus_sync_status_set_session (DokusSyncStatus *self, DokusSession *session);

/* Syncs now, as the popover's Sync Now button does (nothing when sync is
 * off, no relay is set or a sync runs). */
void dokus_sync_status_sync_now (DokusSyncStatus *self);

/* Stops the running sync (the popover's Cancel button): its transfer
 * ends at once, and the indicator says "Sync cancelled". */
void dokus_sync_status_cancel (DokusSyncStatus *self);

/* TRUE while a sync runs. */
gboolean dokus_sync_status_is_syncing (DokusSyncStatus *self);

/* (transfer none) the title shown ("Synced at 14:05", "Offline", ...) and
 * the details under it, for tests. */
const char *dokus_sync_status_get_title (DokusSyncStatus *self);
const char *dokus_sync_status_get_details (DokusSyncStatus *self);

G_END_DECLS
