/* dokus-peppol-outbox.c
 *
 * The Peppol transmission state of issued documents and the record of
 * incoming documents (tables of schema/book/0005-peppol-transmissions.sql),
 * kept for libdokus-sync, which does the talking. Each step is one short
 * transaction, so that whatever the network does, the book says what was
 * tried; times come from the caller and are stored as ISO UTC text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-sync-private.h"
#include "dokus/dokus-peppol-outbox.h"
#include "dokus/dokus-ubl.h"

#define ISO_TIME_SQL(param) "strftime('%Y-%m-%dT%H:%M:%SZ', " param ", 'unixepoch')"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define AP_ID_MAX 127

static const char *const state_names[] = {
  [DOKUS_PEPPOL_QUEUED] = "queued",       [DOKUS_PEPPOL_SUBMITTING] = "submitting",
  [DOKUS_PEPPOL_SUBMITTED] = "submitted", [DOKUS_PEPPOL_DELIVERED] = "delivered",
  [DOKUS_PEPPOL_REJECTED] = "rejected",
};

const char *
dokus_peppol_state_name (DokusPeppolState state)
{
  if (state >= DOKUS_PEPPOL_QUEUED && state <= DOKUS_PEPPOL_REJECTED)
    return state_names[state];
  return "unknown";
}

static DokusPeppolState
parse_state (const char *name)
{
  for (int s = DOKUS_PEPPOL_QUEUED; s <= DOKUS_PEPPOL_REJECTED; s++)
    if (name != NULL && strcmp (name, state_names[s]) == 0)
      return (DokusPeppolState) s;
  return (DokusPeppolState) 0;
}

/* ---- reading the UBL ------------------------------------------------------- */

static xmlNodePtr
find_child (xmlNodePtr parent, const char *ns, const char *name)
{
  for (xmlNodePtr n = parent ? parent->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && n->ns != NULL
        && strcmp ((const char *) n->ns->href, ns) == 0
        && strcmp ((const char *) n->name, name) == 0)
      return n;
  return NULL;
}

/* The document type and the buyer's EndpointID ("SCHEME:VALUE") of the
 * UBL @xml that our own writer made. */
static DokusStatus
read_routing (const char *xml, size_t len, const char *number, char *receiver,
              size_t receiver_size, const char **doctype, DokusError *err)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int) len, NULL, "UTF-8", XML_PARSE_NONET);
  xmlNodePtr root = doc ? xmlDocGetRootElement (doc) : NULL, endpoint;
  xmlChar *scheme = NULL, *value = NULL;
  DokusStatus st = DOKUS_OK;

  if (root == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "ubl", "the UBL of %s does not parse",
                            number);
      goto out;
    }
  *doctype = strcmp ((const char *) root->name, "CreditNote") == 0
               ? DOKUS_PEPPOL_DOCTYPE_CREDIT_NOTE
               : DOKUS_PEPPOL_DOCTYPE_INVOICE;
  endpoint = find_child (find_child (find_child (root, NS_CAC, "AccountingCustomerParty"),
                                     NS_CAC, "Party"),
                         NS_CBC, "EndpointID");
  if (endpoint != NULL)
    {
      scheme = xmlGetProp (endpoint, BAD_CAST "schemeID");
      value = xmlNodeGetContent (endpoint);
    }
  if (scheme == NULL || value == NULL || scheme[0] == '\0' || value[0] == '\0')
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "client.peppol_id",
                          "%s cannot go through Peppol: its buyer has no electronic address "
                          "(Peppol id, VAT number or enterprise number)",
                          number);
  else if ((size_t) snprintf (receiver, receiver_size, "%s:%s", (const char *) scheme,
                              (const char *) value)
           >= receiver_size)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "client.peppol_id",
                          "the buyer's electronic address of %s is too long", number);
out:
  xmlFree (scheme);
  xmlFree (value);
  xmlFreeDoc (doc);
  return st;
}

/* ---- rows ------------------------------------------------------------------ */

static void
copy_column (char *dst, size_t size, sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);
  snprintf (dst, size, "%s", text ? (const char *) text : "");
}

/* A statement parameter: text (NULL binds NULL) or an integer. */
typedef struct {
  bool        is_int;
  const char *text;
  int64_t     num;
} Param;

#define PARAM_TEXT(t) ((Param){ .text = (t) })
#define PARAM_INT(n) ((Param){ .is_int = true, .num = (n) })
/* The parameters ?1, ?2... of a statement and their number. */
#define PARAMS(...)                                                                           \
  (const Param[]){ __VA_ARGS__ }, (int) (sizeof ((const Param[]){ __VA_ARGS__ }) / sizeof (Param))

/* Prepares @sql, binds @params (@n of them) and steps once: the step's
 * result code (SQLITE_ROW, SQLITE_DONE or an error) or the prepare's
 * error. *@stmt is the statement (NULL if it did not prepare), for the
 * caller to read and sqlite3_finalize(). */
static int
step_once (sqlite3 *db, const char *sql, const Param *params, int n, sqlite3_stmt **stmt)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  for (int i = 0; i < n; i++)
    {
      if (params[i].is_int)
        sqlite3_bind_int64 (*stmt, i + 1, params[i].num);
      else
        sqlite3_bind_text (*stmt, i + 1, params[i].text, -1, SQLITE_STATIC);
    }
  return sqlite3_step (*stmt);
}

/* Runs @sql, which gives no rows, with @params; an error says it was
 * @what. */
static DokusStatus
run_sql (sqlite3 *db, const char *sql, const Param *params, int n, const char *what,
         DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = step_once (db, sql, params, n, &stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, what, err);
  return DOKUS_OK;
}

#define SELECT_TRANSMISSION                                                                   \
  "SELECT t.document_id, d.number, t.state, t.receiver_id, t.document_type_id, t.process_id, " \
  "t.ap_message_id, t.reason, t.attempts, t.last_error, t.next_attempt_at, t.queued_at, "     \
  "t.submitted_at, t.finished_at FROM peppol_transmissions t "                                \
  "JOIN documents d ON d.id = t.document_id "

static void
read_row (sqlite3_stmt *stmt, DokusPeppolTransmission *t)
{
  memset (t, 0, sizeof *t);
  copy_column (t->document_id, sizeof t->document_id, stmt, 0);
  copy_column (t->number, sizeof t->number, stmt, 1);
  t->state = parse_state ((const char *) sqlite3_column_text (stmt, 2));
  copy_column (t->receiver_id, sizeof t->receiver_id, stmt, 3);
  copy_column (t->document_type_id, sizeof t->document_type_id, stmt, 4);
  copy_column (t->process_id, sizeof t->process_id, stmt, 5);
  copy_column (t->ap_message_id, sizeof t->ap_message_id, stmt, 6);
  copy_column (t->reason, sizeof t->reason, stmt, 7);
  t->attempts = sqlite3_column_int (stmt, 8);
  copy_column (t->last_error, sizeof t->last_error, stmt, 9);
  copy_column (t->next_attempt_at, sizeof t->next_attempt_at, stmt, 10);
  copy_column (t->queued_at, sizeof t->queued_at, stmt, 11);
  copy_column (t->submitted_at, sizeof t->submitted_at, stmt, 12);
  copy_column (t->finished_at, sizeof t->finished_at, stmt, 13);
}

/* The transmission of the document @id; DOKUS_ERR_NOT_FOUND if none. */
static DokusStatus
load_transmission (sqlite3 *db, const char *id, const char *label, DokusPeppolTransmission *out,
                   DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = step_once (db, SELECT_TRANSMISSION "WHERE t.document_id = ?",
                      PARAMS (PARAM_TEXT (id)), &stmt);

  if (rc == SQLITE_ROW)
    read_row (stmt, out);
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "document",
                          "%s was never queued for Peppol", label);
  else
    st = dokus_book_sqlite_error (db, rc, "reading a Peppol transmission", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_peppol_outbox_get (DokusBook *book, const char *id_or_number, DokusPeppolTransmission *out,
                         DokusError *err)
{
  sqlite3 *db;
  char id[DOKUS_ID_TEXT];
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL && out != NULL);
  db = dokus_book_get_db (book);
  st = dokus_doc_resolve (db, id_or_number, id, err);
  if (st == DOKUS_OK)
    st = load_transmission (db, id, id_or_number, out, err);
  return st;
}

/* A unit of work that is one transaction: its own (BEGIN IMMEDIATE) when
 * the caller holds none, else a savepoint inside the caller's; *@own says
 * which, for unit_end(). */
static DokusStatus
unit_begin (sqlite3 *db, bool *own, DokusError *err)
{
  *own = sqlite3_get_autocommit (db) != 0;
  if (*own)
    return dokus_ledger_begin (db, err);
  return dokus_sync_exec (db, "SAVEPOINT peppol_unit", "starting a Peppol step", err);
}

/* Commits the unit of unit_begin() if @st is DOKUS_OK, else undoes all of
 * it; returns the outcome. */
static DokusStatus
unit_end (sqlite3 *db, bool own, DokusStatus st, DokusError *err)
{
  if (own)
    {
      if (st == DOKUS_OK)
        return dokus_ledger_commit (db, err);
      dokus_ledger_rollback (db);
      return st;
    }
  if (st != DOKUS_OK)
    {
      sqlite3_exec (db, "ROLLBACK TO peppol_unit", NULL, NULL, NULL);
      sqlite3_exec (db, "RELEASE peppol_unit", NULL, NULL, NULL);
      return st;
    }
  return dokus_sync_exec (db, "RELEASE peppol_unit", "finishing a Peppol step", err);
}

/* Inserts the queued transmission of @id and writes its "peppol" envelope
 * (when sync is on) inside the caller's unit: a crash or failure between
 * the two can leave neither half. */
static DokusStatus
insert_queued (sqlite3 *db, const char *id, const char *receiver, const char *doctype,
               int64_t now, DokusError *err)
{
  DokusStatus st = run_sql (
    db,
    "INSERT INTO peppol_transmissions (document_id, state, receiver_id, document_type_id, "
    "process_id, next_attempt_at, queued_at, updated_at) VALUES (?1, 'queued', ?2, ?3, ?4, "
    ISO_TIME_SQL ("?5") ", " ISO_TIME_SQL ("?5") ", " ISO_TIME_SQL ("?5") ") "
    "ON CONFLICT (document_id) DO NOTHING",
    PARAMS (PARAM_TEXT (id), PARAM_TEXT (receiver), PARAM_TEXT (doctype),
            PARAM_TEXT (DOKUS_PEPPOL_PROCESS_ID), PARAM_INT (now)),
    "queueing a document for Peppol", err);

  if (st != DOKUS_OK)
    return st;
  return dokus_sync_capture_peppol (db, id, err);
}

DokusStatus
dokus_peppol_outbox_queue (DokusBook *book, const char *id_or_number, int64_t now,
                           DokusPeppolTransmission *out, DokusError *err)
{
  sqlite3 *db;
  char id[DOKUS_ID_TEXT], receiver[160], *xml = NULL;
  const char *doctype = NULL;
  DokusPeppolTransmission row;
  size_t len = 0;
  bool own;
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL);
  db = dokus_book_get_db (book);
  if ((st = dokus_doc_resolve (db, id_or_number, id, err)) != DOKUS_OK)
    return st;
  if (load_transmission (db, id, id_or_number, &row, NULL) == DOKUS_OK)
    {
      /* queued before: nothing to do, unless it was refused for good */
      if (row.state == DOKUS_PEPPOL_REJECTED)
        return dokus_error_set (err, DOKUS_ERR_REFUSED, "state",
                                "%s was rejected by the access point: %s", row.number,
                                row.reason);
      goto done;
    }
  /* refuses a draft and a document that fails Peppol validation (the
   * writer validates what it produces); stores the UBL's hash at the
   * first export */
  if ((st = dokus_ubl_export (book, id, &xml, &len, err)) != DOKUS_OK)
    goto out;
  if ((st = read_routing (xml, len, id_or_number, receiver, sizeof receiver, &doctype, err))
      != DOKUS_OK)
    goto out;
  /* the row and its sync capture in one transaction (the export above is
   * a step of its own: its hash is kept even if queueing fails) */
  if ((st = unit_begin (db, &own, err)) != DOKUS_OK)
    goto out;
  st = insert_queued (db, id, receiver, doctype, now, err);
  if ((st = unit_end (db, own, st, err)) != DOKUS_OK)
    goto out;
  if ((st = load_transmission (db, id, id_or_number, &row, err)) != DOKUS_OK)
    goto out;
done:
  if (out != NULL)
    *out = row;
out:
  free (xml);
  return st;
}

/* Every row SELECT_TRANSMISSION @where selects (?1 is @now, ?2 @all). */
static DokusStatus
select_rows (sqlite3 *db, const char *where, int64_t now, bool all, const char *what,
             DokusPeppolTransmission **out, size_t *n_out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusPeppolTransmission *rows = NULL;
  size_t n = 0, cap = 0;
  DokusStatus st = DOKUS_OK;
  char *sql = sqlite3_mprintf ("%s%s", SELECT_TRANSMISSION, where);
  int rc = sql ? step_once (db, sql, PARAMS (PARAM_INT (now), PARAM_INT (all ? 1 : 0)), &stmt)
               : SQLITE_NOMEM;

  sqlite3_free (sql);
  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      if (n == cap)
        {
          DokusPeppolTransmission *grown;
          cap = cap ? cap * 2 : 8;
          if ((grown = realloc (rows, cap * sizeof *rows)) == NULL)
            {
              st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
              break;
            }
          rows = grown;
        }
      read_row (stmt, &rows[n++]);
    }
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, what, err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    {
      free (rows);
      return st;
    }
  *out = rows;
  *n_out = n;
  return DOKUS_OK;
}

DokusStatus
dokus_peppol_outbox_pending (DokusBook *book, int64_t now, bool all,
                             DokusPeppolTransmission **out, size_t *n_out, DokusError *err)
{
  assert (book != NULL && out != NULL && n_out != NULL);
  *out = NULL;
  *n_out = 0;
  return select_rows (dokus_book_get_db (book),
                      "WHERE t.state IN ('queued', 'submitting', 'submitted') "
                      "AND (?2 OR t.next_attempt_at <= " ISO_TIME_SQL ("?1") ") "
                      "ORDER BY t.queued_at, t.rowid",
                      now, all, "listing pending Peppol transmissions", out, n_out, err);
}

static void
add_text (cJSON *o, const char *key, const char *value)
{
  if (value != NULL && value[0] != '\0')
    cJSON_AddStringToObject (o, key, value);
  else
    cJSON_AddNullToObject (o, key);
}

static cJSON *
transmission_to_json (const DokusPeppolTransmission *t)
{
  cJSON *o = cJSON_CreateObject ();
  if (o == NULL)
    return NULL;
  add_text (o, "document_id", t->document_id);
  add_text (o, "number", t->number);
  add_text (o, "state", dokus_peppol_state_name (t->state));
  add_text (o, "receiver_id", t->receiver_id);
  add_text (o, "document_type_id", t->document_type_id);
  add_text (o, "ap_message_id", t->ap_message_id);
  add_text (o, "reason", t->reason);
  cJSON_AddNumberToObject (o, "attempts", t->attempts);
  add_text (o, "last_error", t->last_error);
  add_text (o, "next_attempt_at", t->next_attempt_at);
  add_text (o, "queued_at", t->queued_at);
  add_text (o, "submitted_at", t->submitted_at);
  add_text (o, "finished_at", t->finished_at);
  return o;
}

DokusStatus
dokus_peppol_outbox_status_json (DokusBook *book, const char *id_or_number, char **out_json,
                                 DokusError *err)
{
  DokusPeppolTransmission one, *rows = NULL;
  size_t n = 0;
  cJSON *root = NULL, *arr;
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  if (id_or_number != NULL)
    {
      st = dokus_peppol_outbox_get (book, id_or_number, &one, err);
      rows = &one;
      n = 1;
    }
  else
    st = select_rows (dokus_book_get_db (book), "ORDER BY t.queued_at, t.rowid", 0, true,
                      "listing Peppol transmissions", &rows, &n, err);
  if (st != DOKUS_OK)
    return st;
  if (st == DOKUS_OK && ((root = cJSON_CreateObject ()) == NULL
                         || (arr = cJSON_AddArrayToObject (root, "transmissions")) == NULL))
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      cJSON *o = transmission_to_json (&rows[i]);
      if (o == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      else
        cJSON_AddItemToArray (arr, o);
    }
  if (st == DOKUS_OK && (*out_json = cJSON_PrintUnformatted (root)) == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  cJSON_Delete (root);
  if (rows != &one)
    free (rows);
  return st;
}

/* ---- recording steps ------------------------------------------------------- */

/* Runs the UPDATE @sql (parameters: ?1 document id, ?2 now, ?3..?5 text,
 * ?6 integer time) on the non-final transmission of @document_id inside
 * the caller's transaction. */
static DokusStatus
update_transmission (sqlite3 *db, const char *document_id, const char *sql, int64_t now,
                     const char *t3, const char *t4, const char *t5, int64_t i6,
                     DokusError *err)
{
  DokusPeppolTransmission row;
  DokusStatus st = load_transmission (db, document_id, document_id, &row, err);

  if (st != DOKUS_OK)
    return st;
  if (row.state == DOKUS_PEPPOL_DELIVERED || row.state == DOKUS_PEPPOL_REJECTED)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "state",
                            "the Peppol transmission of %s is %s already", row.number,
                            dokus_peppol_state_name (row.state));
  return run_sql (db, sql,
                  PARAMS (PARAM_TEXT (document_id), PARAM_INT (now), PARAM_TEXT (t3),
                          PARAM_TEXT (t4), PARAM_TEXT (t5), PARAM_INT (i6)),
                  "recording a Peppol transmission", err);
}

/* One step in its own transaction; @audit_action (nullable) appends an
 * audit entry with @audit_json. */
static DokusStatus
record_step (DokusBook *book, const char *document_id, const char *sql, int64_t now,
             const char *t3, const char *t4, const char *t5, int64_t i6, bool mark_sent,
             const char *audit_action, const char *audit_json, DokusError *err)
{
  sqlite3 *db;
  DokusStatus st;

  assert (book != NULL && document_id != NULL);
  db = dokus_book_get_db (book);
  if ((st = dokus_ledger_begin (db, err)) != DOKUS_OK)
    return st;
  st = update_transmission (db, document_id, sql, now, t3, t4, t5, i6, err);
  /* issued -> sent is the one change the frozen-document trigger allows */
  if (st == DOKUS_OK && mark_sent)
    st = run_sql (db,
                  "UPDATE documents SET state = 'sent', updated_at = " ISO_TIME_SQL ("?2")
                  " WHERE id = ?1 AND state = 'issued'",
                  PARAMS (PARAM_TEXT (document_id), PARAM_INT (now)),
                  "marking the document sent", err);
  if (st == DOKUS_OK && audit_action != NULL)
    st = dokus_audit_append (db, audit_action, "document", document_id, NULL, audit_json, err);
  /* the state as a synced fact (nothing when sync is off or nothing synced changed) */
  if (st == DOKUS_OK)
    st = dokus_sync_capture_peppol (db, document_id, err);
  if (st != DOKUS_OK)
    {
      dokus_ledger_rollback (db);
      return st;
    }
  return dokus_ledger_commit (db, err);
}

DokusStatus
dokus_peppol_outbox_mark_submitting (DokusBook *book, const char *document_id, int64_t now,
                                     DokusError *err)
{
  return record_step (book, document_id,
                      "UPDATE peppol_transmissions SET state = 'submitting', "
                      "attempts = attempts + 1, updated_at = " ISO_TIME_SQL ("?2")
                      " WHERE document_id = ?1",
                      now, NULL, NULL, NULL, 0, false, NULL, NULL, err);
}

DokusStatus
dokus_peppol_outbox_mark_submitted (DokusBook *book, const char *document_id,
                                    const char *ap_message_id, int64_t now, int64_t next_poll,
                                    DokusError *err)
{
  if (ap_message_id == NULL || ap_message_id[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "ap_message_id",
                            "the access point gave no message id");
  return record_step (book, document_id,
                      "UPDATE peppol_transmissions SET state = 'submitted', ap_message_id = ?3, "
                      "last_error = NULL, submitted_at = coalesce (submitted_at, "
                      ISO_TIME_SQL ("?2") "), next_attempt_at = " ISO_TIME_SQL ("?6")
                      ", updated_at = " ISO_TIME_SQL ("?2") " WHERE document_id = ?1",
                      now, ap_message_id, NULL, NULL, next_poll, false, NULL, NULL, err);
}

static char *
dup_audit_json (const char *ap_message_id, const char *reason)
{
  cJSON *o = cJSON_CreateObject ();
  char *text;
  add_text (o, "ap_message_id", ap_message_id);
  if (reason != NULL)
    add_text (o, "reason", reason);
  text = o ? cJSON_PrintUnformatted (o) : NULL;
  cJSON_Delete (o);
  return text;
}

/* A final step (delivered, rejected) with its audit entry @audit_action:
 * ?3 is @ap_message_id (NULL when empty), ?4 @reason (nullable). */
static DokusStatus
record_final_step (DokusBook *book, const char *document_id, const char *sql, int64_t now,
                   const char *ap_message_id, const char *reason, bool mark_sent,
                   const char *audit_action, DokusError *err)
{
  char *audit = dup_audit_json (ap_message_id, reason);
  DokusStatus st;

  if (audit == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  st = record_step (book, document_id, sql, now,
                    ap_message_id && ap_message_id[0] ? ap_message_id : NULL, reason, NULL, 0,
                    mark_sent, audit_action, audit, err);
  free (audit);
  return st;
}

DokusStatus
dokus_peppol_outbox_mark_delivered (DokusBook *book, const char *document_id,
                                    const char *ap_message_id, int64_t now, DokusError *err)
{
  return record_final_step (book, document_id,
                            "UPDATE peppol_transmissions SET state = 'delivered', "
                            "ap_message_id = coalesce (?3, ap_message_id), last_error = NULL, "
                            "submitted_at = coalesce (submitted_at, " ISO_TIME_SQL ("?2") "), "
                            "finished_at = " ISO_TIME_SQL ("?2") ", updated_at = "
                            ISO_TIME_SQL ("?2") " WHERE document_id = ?1",
                            now, ap_message_id, NULL, true, "peppol_delivered", err);
}

DokusStatus
dokus_peppol_outbox_mark_rejected (DokusBook *book, const char *document_id,
                                   const char *ap_message_id, const char *reason, int64_t now,
                                   DokusError *err)
{
  if (reason == NULL || reason[0] == '\0')
    reason = "rejected by the access point without a reason";
  return record_final_step (book, document_id,
                            "UPDATE peppol_transmissions SET state = 'rejected', reason = ?4, "
                            "ap_message_id = coalesce (?3, ap_message_id), "
                            "finished_at = " ISO_TIME_SQL ("?2") ", updated_at = "
                            ISO_TIME_SQL ("?2") " WHERE document_id = ?1",
                            now, ap_message_id, reason, false, "peppol_rejected", err);
}

DokusStatus
dokus_peppol_outbox_mark_failed (DokusBook *book, const char *document_id, const char *message,
                                 int64_t now, int64_t retry_at, DokusError *err)
{
  return record_step (book, document_id,
                      "UPDATE peppol_transmissions SET last_error = ?3, "
                      "next_attempt_at = " ISO_TIME_SQL ("?6") ", updated_at = "
                      ISO_TIME_SQL ("?2") " WHERE document_id = ?1",
                      now, message && message[0] ? message : "failed", NULL, NULL, retry_at,
                      false, NULL, NULL, err);
}

/* ---- incoming -------------------------------------------------------------- */

static DokusStatus
check_ap_id (const char *ap_id, DokusError *err)
{
  if (ap_id == NULL || ap_id[0] == '\0' || strlen (ap_id) > AP_ID_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "ap_id",
                            "an incoming document's id must have 1 to %d bytes", AP_ID_MAX);
  return DOKUS_OK;
}

DokusStatus
dokus_peppol_inbox_claim (DokusBook *book, const char *ap_id, const char *sender_id,
                          const char *document_type_id, int64_t now,
                          DokusPeppolInboxClaim *result, char claim[DOKUS_PEPPOL_CLAIM_TEXT],
                          char expense_id[DOKUS_ID_TEXT], DokusError *err)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  unsigned char raw[16];
  DokusStatus st;
  int rc;

  assert (book != NULL && result != NULL && claim != NULL && expense_id != NULL);
  claim[0] = '\0';
  expense_id[0] = '\0';
  if ((st = check_ap_id (ap_id, err)) != DOKUS_OK)
    return st;
  db = dokus_book_get_db (book);
  if ((st = dokus_ledger_begin (db, err)) != DOKUS_OK)
    return st;
  rc = step_once (db,
                  "SELECT state, expense_id, claim IS NOT NULL AND claimed_at > "
                  ISO_TIME_SQL ("?2 - ?3") " FROM peppol_incoming WHERE ap_id = ?1",
                  PARAMS (PARAM_TEXT (ap_id), PARAM_INT (now),
                          PARAM_INT (DOKUS_PEPPOL_CLAIM_SECONDS)),
                  &stmt);
  if (rc == SQLITE_ROW && strcmp ((const char *) sqlite3_column_text (stmt, 0), "imported") == 0)
    {
      *result = DOKUS_PEPPOL_INBOX_IMPORTED;
      copy_column (expense_id, DOKUS_ID_TEXT, stmt, 1);
    }
  else if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 2))
    *result = DOKUS_PEPPOL_INBOX_BUSY;
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      randombytes_buf (raw, sizeof raw);
      sodium_bin2hex (claim, DOKUS_PEPPOL_CLAIM_TEXT, raw, sizeof raw);
      *result = DOKUS_PEPPOL_INBOX_CLAIMED;
      sqlite3_finalize (stmt);
      stmt = NULL;
      rc = step_once (
        db,
        "INSERT INTO peppol_incoming (ap_id, state, claim, claimed_at, sender_id, "
        "document_type_id, first_seen_at, updated_at) VALUES (?1, 'importing', ?2, "
        ISO_TIME_SQL ("?3") ", ?4, ?5, " ISO_TIME_SQL ("?3") ", " ISO_TIME_SQL ("?3") ") "
        "ON CONFLICT (ap_id) DO UPDATE SET state = 'importing', claim = excluded.claim, "
        "claimed_at = excluded.claimed_at, updated_at = excluded.updated_at",
        PARAMS (PARAM_TEXT (ap_id), PARAM_TEXT (claim), PARAM_INT (now), PARAM_TEXT (sender_id),
                PARAM_TEXT (document_type_id)),
        &stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_ROW;
    }
  if (rc != SQLITE_ROW)
    st = dokus_book_sqlite_error (db, rc, "claiming an incoming Peppol document", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    {
      dokus_ledger_rollback (db);
      claim[0] = '\0';
      return st;
    }
  return dokus_ledger_commit (db, err);
}

/* Runs @sql (?1 ap_id, ?2 claim, ?3 text, ?4 now) when the row is still
 * claimed by @claim. */
static DokusStatus
finish_claim (DokusBook *book, const char *ap_id, const char *claim, const char *sql,
              const char *text, int64_t now, DokusError *err)
{
  sqlite3 *db;
  DokusStatus st;

  assert (book != NULL && claim != NULL);
  if ((st = check_ap_id (ap_id, err)) != DOKUS_OK)
    return st;
  db = dokus_book_get_db (book);
  st = run_sql (db, sql,
                PARAMS (PARAM_TEXT (ap_id), PARAM_TEXT (claim), PARAM_TEXT (text), PARAM_INT (now)),
                "recording an incoming Peppol document", err);
  if (st != DOKUS_OK)
    return st;
  if (sqlite3_changes (db) != 1)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "claim",
                            "incoming document %s was taken over by another process", ap_id);
  return DOKUS_OK;
}

DokusStatus
dokus_peppol_inbox_imported (DokusBook *book, const char *ap_id, const char *claim,
                             const char *expense_id, int64_t now, DokusError *err)
{
  return finish_claim (book, ap_id, claim,
                       "UPDATE peppol_incoming SET state = 'imported', expense_id = ?3, "
                       "claim = NULL, error = NULL, updated_at = " ISO_TIME_SQL ("?4")
                       " WHERE ap_id = ?1 AND claim = ?2 AND state = 'importing'",
                       expense_id, now, err);
}

DokusStatus
dokus_peppol_inbox_failed (DokusBook *book, const char *ap_id, const char *claim,
                           const char *message, int64_t now, DokusError *err)
{
  return finish_claim (book, ap_id, claim,
                       "UPDATE peppol_incoming SET state = 'failed', error = ?3, claim = NULL, "
                       "claimed_at = NULL, updated_at = " ISO_TIME_SQL ("?4")
                       " WHERE ap_id = ?1 AND claim = ?2 AND state = 'importing'",
                       message && message[0] ? message : "failed", now, err);
}

DokusStatus
dokus_peppol_inbox_acked (DokusBook *book, const char *ap_id, int64_t now, DokusError *err)
{
  sqlite3 *db;
  DokusStatus st;

  assert (book != NULL);
  if ((st = check_ap_id (ap_id, err)) != DOKUS_OK)
    return st;
  db = dokus_book_get_db (book);
  st = run_sql (db,
                "UPDATE peppol_incoming SET acked = 1, updated_at = " ISO_TIME_SQL ("?2")
                " WHERE ap_id = ?1",
                PARAMS (PARAM_TEXT (ap_id), PARAM_INT (now)), "recording an acknowledgement", err);
  if (st != DOKUS_OK)
    return st;
  if (sqlite3_changes (db) != 1)
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "ap_id",
                            "no incoming Peppol document %s", ap_id);
  return DOKUS_OK;
}
