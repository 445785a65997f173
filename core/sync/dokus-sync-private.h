/* dokus-sync-private.h
 *
 * What the rest of core and the files of core/sync share: the capture
 * hook called by dokus_audit_append(), the lease check called by issue,
 * the HLC, value encoding of rows, and envelope sealing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-sync.h"

#define DOKUS_SYNC_CLOCK_FUNCTION "dokus_sync_clock_ms"
/* the HLC never runs more than this ahead of the local clock */
#define DOKUS_SYNC_MAX_DRIFT_MS (5 * 60 * 1000)

/* Called by dokus_audit_append() after it inserted audit row @audit_rowid,
 * inside the caller's transaction (0: everything the book holds, when sync
 * is turned on): when sync is on, turns the change into
 * ops and writes one sealed envelope to the outbox. Does nothing when sync
 * is off. */
DokusStatus dokus_sync_capture (sqlite3 *db, int64_t audit_rowid, const char *action,
                                const char *entity, const char *entity_id, DokusError *err);

/* Called by issue before numbering in @series_id: DOKUS_OK when sync is
 * off or this device holds the series' lease, else DOKUS_ERR_REFUSED. */
DokusStatus dokus_sync_lease_check (sqlite3 *db, const char *series_id, DokusError *err);

/* HLC (dokus-sync-hlc.c): a new local timestamp, saved in sync_self. */
DokusStatus dokus_sync_hlc_tick (sqlite3 *db, uint64_t *out, DokusError *err);
/* joins a remote timestamp into sync_self's (bounded by now + drift) */
DokusStatus dokus_sync_hlc_observe (sqlite3 *db, uint64_t remote, DokusError *err);
/* sets sync_self's HLC to at least @at_least, unbounded: a local write over
 * a version stamped in the future must still come after it */
DokusStatus dokus_sync_hlc_raise (sqlite3 *db, uint64_t at_least, DokusError *err);
/* pure: the next local value from @last and @now_ms */
uint64_t dokus_sync_hlc_next (uint64_t last, int64_t now_ms);
/* pure: @last joined with @remote, not beyond @now_ms + drift */
uint64_t dokus_sync_hlc_join (uint64_t last, uint64_t remote, int64_t now_ms);
int64_t dokus_sync_now_ms (sqlite3 *db);

/* Rows (dokus-sync-rows.c). */
typedef struct {
  const char *entity;   /* name in ops: "client", "profile", "document", "expense" */
  const char *table;
  const char *key;      /* key column */
  bool        int_key;  /* the key is INTEGER (profile) */
  const char *child[2]; /* child tables keyed (fk, position), or NULL */
  const char *child_fk;
} DokusSyncEntity;

const DokusSyncEntity *dokus_sync_entity_find (const char *name);
/* encodes the current value of column @i of @stmt */
cJSON *dokus_sync_value_encode (sqlite3_stmt *stmt, int i);
/* binds an encoded value; false if @v is not a valid encoding */
bool dokus_sync_value_bind (sqlite3_stmt *stmt, int i, const cJSON *v);
/* true if @name is a plain column name ([a-z0-9_]+) */
bool dokus_sync_name_ok (const char *name);
/* reads rows of "SELECT * FROM table WHERE col = ?1 [ORDER BY ...]" as an
 * array of objects of encoded values, leaving out @skip_col */
DokusStatus dokus_sync_rows_read (sqlite3 *db, const char *sql, const char *key, bool int_key,
                                  const char *skip_col, cJSON **out, DokusError *err);
/* the fields of one entity row: its columns but the key, plus one array
 * per child table; *out NULL if the row does not exist */
DokusStatus dokus_sync_entity_read (sqlite3 *db, const DokusSyncEntity *ent, const char *id,
                                    cJSON **out, DokusError *err);
/* writes @fields (as from dokus_sync_entity_read, possibly a subset) to
 * the row, inserting it if @insert; returns the sqlite result code */
int dokus_sync_entity_write (sqlite3 *db, const DokusSyncEntity *ent, const char *id,
                             const cJSON *fields, bool insert);
/* inserts @rows (array of objects) into @table with @fk_col = @id */
int dokus_sync_rows_insert (sqlite3 *db, const char *table, const char *fk_col, const char *id,
                            const cJSON *rows);

/* Envelopes (dokus-sync-envelope.c). */
DokusStatus dokus_sync_seal (sqlite3 *db, const char *plaintext, int64_t dev_seq,
                             DokusError *err);
/* opens @env; *plaintext (transfer full) is free()d by the caller */
DokusStatus dokus_sync_open (sqlite3 *db, const DokusSyncEnvelope *env, char **plaintext,
                             DokusError *err);

/* the sync_self row; false if sync is off */
bool dokus_sync_self (sqlite3 *db, char book_id[DOKUS_SYNC_ID_TEXT],
                      char device_id[DOKUS_SYNC_ID_TEXT]);

/* runs @sql with no parameters, mapping errors */
DokusStatus dokus_sync_exec (sqlite3 *db, const char *sql, const char *what, DokusError *err);
