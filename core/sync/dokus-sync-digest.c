/* dokus-sync-digest.c
 *
 * A state digest: BLAKE2b-256 over a canonical dump of the synced
 * tables, each row in key order and each value with its type and length,
 * so two replicas that converged give the same 32 bytes. Local
 * bookkeeping (audit_log.seq, sync tables, search indexes) is left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include <sodium.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

static const char *const dumps[] = {
  "SELECT * FROM profile ORDER BY id",
  "SELECT * FROM clients ORDER BY id",
  "SELECT * FROM documents ORDER BY id",
  "SELECT * FROM document_lines ORDER BY document_id, position",
  "SELECT * FROM document_adjustments ORDER BY document_id, position",
  "SELECT * FROM document_vat ORDER BY document_id, category, rate",
  "SELECT id, doc_type, year, prefix, last_number, last_issue_date FROM series ORDER BY id",
  "SELECT * FROM payments ORDER BY id",
  "SELECT * FROM expenses ORDER BY id",
  "SELECT * FROM expense_lines ORDER BY expense_id, position",
  /* an accountant's audit entries (its device key, its exports) stay on
   * its device by design: not synced state */
  "SELECT * FROM devices WHERE id NOT IN"
  " (SELECT device_id FROM sync_member WHERE role = 'accountant') ORDER BY id",
  /* Peppol state: what every replica converges on, not the local
   * bookkeeping of attempts (dokus-sync-peppol.c) */
  "SELECT document_id, state, receiver_id, document_type_id, process_id, ap_message_id, reason"
  " FROM peppol_transmissions ORDER BY document_id",
  "SELECT * FROM document_exports ORDER BY document_id, format, writer_version",
  /* files: their rows and SHA-256 (apply checks the bytes against it);
   * not created_at, when a device stored its copy (the same receipt
   * imported on two devices is one row with two such times) */
  "SELECT id, owner_kind, owner_id, filename, mime_type, sha256 FROM attachments ORDER BY id",
  "SELECT sha256 FROM profile_logos ORDER BY sha256",
  /* comments and their resolution (the earliest wins on every replica);
   * not the HLCs, which only order them */
  "SELECT id, subject_kind, subject_id, author_id, author_role, body, created_at, resolved_at,"
  " resolved_by FROM comments ORDER BY id",
  "SELECT device_id, device_seq, at, action, entity, entity_id, before_json, after_json,"
  " prev_hash, hash, signature FROM audit_log WHERE device_id NOT IN"
  " (SELECT device_id FROM sync_member WHERE role = 'accountant')"
  " ORDER BY device_id, device_seq",
};

static void
put_u64 (crypto_generichash_state *h, uint64_t v)
{
  unsigned char b[8];
  for (int i = 0; i < 8; i++)
    b[i] = (unsigned char) (v >> (56 - 8 * i));
  crypto_generichash_update (h, b, sizeof b);
}

DokusStatus
dokus_sync_digest (DokusBook *book, unsigned char out[DOKUS_SYNC_DIGEST_BYTES], DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  crypto_generichash_state h;

  assert (book != NULL && out != NULL);
  crypto_generichash_init (&h, NULL, 0, DOKUS_SYNC_DIGEST_BYTES);
  for (size_t t = 0; t < sizeof dumps / sizeof dumps[0]; t++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, dumps[t], -1, &stmt, NULL);

      put_u64 (&h, t);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          rc = SQLITE_OK;
          crypto_generichash_update (&h, (const unsigned char *) "R", 1);
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              unsigned char type = (unsigned char) sqlite3_column_type (stmt, i);
              crypto_generichash_update (&h, &type, 1);
              if (type == SQLITE_INTEGER)
                put_u64 (&h, (uint64_t) sqlite3_column_int64 (stmt, i));
              else if (type == SQLITE_TEXT || type == SQLITE_BLOB)
                {
                  const void *p = type == SQLITE_TEXT ? (const void *) sqlite3_column_text (stmt, i)
                                                      : sqlite3_column_blob (stmt, i);
                  size_t len = (size_t) sqlite3_column_bytes (stmt, i);
                  put_u64 (&h, len);
                  crypto_generichash_update (&h, p, len);
                }
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return dokus_book_sqlite_error (db, rc, "computing the state digest", err);
    }
  crypto_generichash_final (&h, out, DOKUS_SYNC_DIGEST_BYTES);
  return DOKUS_OK;
}
