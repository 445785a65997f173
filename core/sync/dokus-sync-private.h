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

/* Members of an op: the string @key of @o, or NULL; the text of an
 * encoded "t:" value, or NULL. */
static inline const char *
dokus_sync_str_of (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (m) ? m->valuestring : NULL;
}

static inline const char *
dokus_sync_text_of (const cJSON *o, const char *key)
{
  const char *s = dokus_sync_str_of (o, key);
  return s != NULL && s[0] == 't' && s[1] == ':' ? s + 2 : NULL;
}

#define DOKUS_SYNC_CLOCK_FUNCTION "dokus_sync_clock_ms"
/* the HLC never runs more than this ahead of the local clock */
#define DOKUS_SYNC_MAX_DRIFT_MS (5 * 60 * 1000)

/* Called by dokus_audit_append() after it inserted audit row @audit_rowid,
 * inside the caller's transaction (0: everything the book holds, when sync
 * is turned on; -1: every audit entry, when a device joins by pairing):
 * when sync is on, turns the change into
 * ops and writes one sealed envelope to the outbox. Does nothing when sync
 * is off. */
DokusStatus dokus_sync_capture (sqlite3 *db, int64_t audit_rowid, const char *action,
                                const char *entity, const char *entity_id, DokusError *err);

/* Called by core/peppol after a change of the Peppol transmission of
 * @document_id, inside or outside a transaction (it uses a savepoint):
 * when sync is on and the synced part of the transmission changed, writes
 * one envelope with a "peppol" op (dokus-sync-peppol.c). */
DokusStatus dokus_sync_capture_peppol (sqlite3 *db, const char *document_id, DokusError *err);

/* What applying one op gave. */
typedef enum {
  DOKUS_SYNC_OP_APPLIED,
  DOKUS_SYNC_OP_WAIT,    /* its row or predecessor is missing: retried later */
  DOKUS_SYNC_OP_REFUSED, /* never applies */
} DokusSyncOpResult;

/* Peppol facts (dokus-sync-peppol.c): the "peppol" op (a transmission's
 * state, which only moves forward, and the document's sent mark) and the
 * "export" op (a document's stored UBL hashes, insert-only). Capture adds
 * the op to @ops only if it changed since last captured or applied. */
DokusStatus dokus_sync_peppol_op (sqlite3 *db, const char *document_id, uint64_t hlc, cJSON *ops,
                                  DokusError *err);
DokusStatus dokus_sync_export_op (sqlite3 *db, const char *document_id, cJSON *ops,
                                  DokusError *err);
/* return the sqlite result code and fill *res */
int dokus_sync_peppol_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res);
int dokus_sync_export_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res);

/* Files (dokus-sync-blobs.c): a file's bytes travel in parts of this
 * size, one envelope each (hex in JSON: about 512 KiB of ciphertext, under
 * the relay's 1 MiB --max-ciphertext). */
#define DOKUS_SYNC_PART_BYTES ((size_t) 256 * 1024)
/* the receipts of @expense_id not synced yet: their bytes as part
 * envelopes sealed now, their rows as "attach" ops in @ops */
DokusStatus dokus_sync_receipts_op (sqlite3 *db, const char *expense_id, uint64_t hlc,
                                    const char *self, cJSON *ops, DokusError *err);
/* the kept logos (profile_logos) not synced yet, likewise ("logo" ops) */
DokusStatus dokus_sync_logos_op (sqlite3 *db, uint64_t hlc, const char *self, cJSON *ops,
                                 DokusError *err);
/* the profile's current logo as part envelopes, unless it travelled; the
 * profile's "logo" field then travels as "h:<sha256>" (a reference, so
 * that a 512 KiB logo never has to fit one envelope) */
DokusStatus dokus_sync_profile_logo_send (sqlite3 *db, uint64_t hlc, const char *self,
                                          DokusError *err);
/* replaces a "b:" value of @fields' "logo" with its "h:" reference */
void dokus_sync_logo_to_ref (cJSON *fields);
/* binds the file @sha (from its parts or a row that has it); false if it
 * is not here (yet) */
bool dokus_sync_blob_bind (sqlite3_stmt *stmt, int i, const char *sha);
int dokus_sync_part_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res);
int dokus_sync_attach_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res);
int dokus_sync_logo_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res);

/* Seals the ops of @env (stamped @hlc, from @self) into the next outbox
 * envelope (dokus-sync-capture.c). */
DokusStatus dokus_sync_seal_ops (sqlite3 *db, cJSON *env, uint64_t hlc, const char *self,
                                 DokusError *err);
/* the same, with the envelope kind the relay is told: "change" or
 * "comment" (comment and resolve ops only) */
DokusStatus dokus_sync_seal_ops_kind (sqlite3 *db, cJSON *env, uint64_t hlc, const char *self,
                                      const char *kind, DokusError *err);
/* true if @self is paired as an accountant's device */
bool dokus_sync_is_accountant (sqlite3 *db, const char *self);

/* DOKUS_ERR_REFUSED (field "clock", naming the skew and @what) while the
 * last recorded clock skew is beyond DOKUS_SYNC_CLOCK_SKEW_LIMIT_MS
 * (dokus-sync-clock.c) */
DokusStatus dokus_sync_clock_check (sqlite3 *db, const char *what, DokusError *err);

/* Comments (dokus-sync-comments.c): not accounting records, so no audit
 * entry. Called by core/ledger/dokus-comment.c inside its transaction:
 * when sync is on, seals the comment @comment_id (or its resolution, if
 * @resolution) as one envelope of kind "comment"; refused while the clock
 * is off (dokus_sync_clock_check). */
DokusStatus dokus_sync_capture_comment (sqlite3 *db, const char *comment_id, bool resolution,
                                        DokusError *err);
/* the "comment" and "resolve" ops of every comment, when sync is turned on */
DokusStatus dokus_sync_comments_op (sqlite3 *db, cJSON *ops, DokusError *err);
/* apply a "comment" / "resolve" op sent by @device (rc; *res) */
int dokus_sync_comment_apply (sqlite3 *db, const cJSON *op, const char *device,
                              DokusSyncOpResult *res);
int dokus_sync_resolve_apply (sqlite3 *db, const cJSON *op, const char *device,
                              DokusSyncOpResult *res);
/* true if @device's envelope with @ops may apply: always for an owner or
 * device; for an accountant only if every op is a comment */
bool dokus_sync_ops_allowed (sqlite3 *db, const char *device, const cJSON *ops);
/* the role of member @device ("owner", "device", "accountant"), or NULL */
const char *dokus_sync_member_role_of (sqlite3 *db, const char *device);
/* DOKUS_ERR_INVALID (field "text") unless @text is UTF-8, not blank, of at
 * most DOKUS_COMMENT_MAX_CHARS characters (dokus-comment.c) */
DokusStatus dokus_comment_text_check (const char *text, DokusError *err);

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
                             const char *kind, DokusError *err);
/* opens @env; *plaintext (transfer full) is free()d by the caller.
 * DOKUS_ERR_NOT_FOUND: not yet (its device is not a member here yet, or
 * its key epoch is unknown): it waits; DOKUS_ERR_REFUSED: never (a bad
 * signature or ciphertext, a revoked device past its cut-off). */
DokusStatus dokus_sync_open (sqlite3 *db, const DokusSyncEnvelope *env, char **plaintext,
                             DokusError *err);

/* this device's Ed25519 secret key (64 bytes; the caller wipes it) */
DokusStatus dokus_sync_load_sign_key (sqlite3 *db, unsigned char *sk, DokusError *err);

/* the sync_self row; false if sync is off */
bool dokus_sync_self (sqlite3 *db, char book_id[DOKUS_SYNC_ID_TEXT],
                      char device_id[DOKUS_SYNC_ID_TEXT]);

/* runs @sql with no parameters, mapping errors */
DokusStatus dokus_sync_exec (sqlite3 *db, const char *sql, const char *what, DokusError *err);

/* Keyrings and members (dokus-sync-bundle.c, dokus-sync-keys.c,
 * dokus-sync-members.c). */
#define DOKUS_SYNC_MAX_EPOCHS 64
#define DOKUS_SYNC_MAX_MEMBERS 32

typedef struct {
  uint32_t      epoch;
  unsigned char key[DOKUS_SYNC_KEY_BYTES];
} DokusSyncEpochKey;

typedef struct {
  char          device_id[DOKUS_SYNC_ID_TEXT];
  unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES];
  char          role[16];
  int64_t       revoked_after; /* -1: not revoked */
} DokusSyncMemberInfo;

typedef struct {
  DokusSyncEpochKey   *keys; /* sodium_malloc'd */
  size_t               n_keys;
  DokusSyncMemberInfo *members;
  size_t               n_members;
  uint32_t             current;
} DokusSyncKeyring;

/* the keyring and members of @db; free with dokus_sync_keyring_free */
DokusStatus dokus_sync_keyring_load (sqlite3 *db, DokusSyncKeyring *ring, DokusError *err);
void dokus_sync_keyring_free (DokusSyncKeyring *ring);
/* @ring as a bundle for @recipient_id, signed by this device (@signer_id) */
DokusStatus dokus_sync_bundle_build (DokusBook *book, const char *book_id, const char *signer_id,
                                     const DokusSyncKeyring *ring, const char *recipient_id,
                                     const unsigned char recipient_pk[32], unsigned char **out,
                                     size_t *out_len, DokusError *err);
/* opens a bundle sealed to this book's device key and parses it; the
 * signature (*sig_out, inside *plain_out) over the first *signed_len
 * bytes of *plain_out is the caller's to check. *plain_out: sodium_free */
DokusStatus dokus_sync_bundle_parse (sqlite3 *db, const unsigned char *sealed, size_t len,
                                     DokusSyncKeyring *ring, char book_id[DOKUS_SYNC_ID_TEXT],
                                     char recipient[DOKUS_SYNC_ID_TEXT],
                                     char signer[DOKUS_SYNC_ID_TEXT],
                                     const unsigned char **sig_out, unsigned char **plain_out,
                                     size_t *signed_len, DokusError *err);
/* adds a member or applies its revocation (never undone, the key of a
 * known member never changes); returns the sqlite result code */
int dokus_sync_member_merge (sqlite3 *db, const DokusSyncMemberInfo *m);
/* true if @device_id is a member with role owner, not revoked */
bool dokus_sync_is_owner (sqlite3 *db, const char *device_id);
/* the "member" op of @device_id's row (capture) */
DokusStatus dokus_sync_member_op (sqlite3 *db, const char *device_id, cJSON *ops,
                                  DokusError *err);
/* applies a "member" op sent by @device: *applied false if refused */
int dokus_sync_member_apply (sqlite3 *db, const cJSON *op, const char *device, bool *applied);
/* retries everything that waits (dokus-sync-apply.c) */
DokusStatus dokus_sync_retry_pending (sqlite3 *db, DokusSyncApplyStats *stats, DokusError *err);

/* Called by issue (dokus-issue.c) with the default series of a document
 * (@series_id, "invoice/2026", of @cap bytes): when this device has its own
 * series enabled, holds its lease and not the default one's, rewrites
 * @series_id to the own series ("invoice/2026/B") and sets @infix to
 * "B-" (else ""), for the number "2026-B-0001". */
void dokus_sync_series_pick (sqlite3 *db, char *series_id, size_t cap, char infix[8]);
