/* dokus-export.c
 *
 * Exports a whole book into a directory (dokus-reports.h): JSON per record
 * kind in the formats of docs/formats.md, CSV journals an accountant's
 * software can import, and the stored receipts as files. Everything is
 * read inside one read transaction so that the files describe the same
 * moment; the export is then recorded in the audit trail. Files are
 * written with stdio, which is the same on every platform; only making the
 * directory goes through the platform module.
 *
 * Every file written is remembered, so that an export that fails or is
 * cancelled (dokus_export_with_progress) removes what it wrote and the
 * directories it made: a half export is never mistaken for a whole one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-json-input-private.h"
#include "dokus-reports-private.h"
#include "dokus/dokus-audit.h"
#include "dokus/dokus-expense.h"
#include "dokus/dokus-platform.h"

#define RECEIPT_NAME_MAX 100 /* bytes of a receipt's file name after its id */

/* The files an export wrote, relative to its directory, to remove them
 * again when it fails. */
typedef struct {
  char  **names;
  size_t  n, cap;
} ExportFiles;

typedef struct {
  const char         *dir;
  long                documents, expenses, attachments;
  ExportFiles        *files;
  DokusExportProgress progress; /* nullable */
  void               *progress_data;
  unsigned long       done, total;
} Export;

static const char readme[]
  = "Dokus export\r\n"
    "============\r\n"
    "\r\n"
    "Everything in one Dokus book, read at one moment. Text files are UTF-8; amounts are\r\n"
    "euros with '.' and two decimals (\"1234.50\"); dates are YYYY-MM-DD. The JSON formats are\r\n"
    "those of Dokus' docs/formats.md.\r\n"
    "\r\n"
    "profile.json           the company profile (null if the book has none)\r\n"
    "clients.json           every client, archived ones too\r\n"
    "documents.json         every sales document (invoices and credit notes, drafts too) with\r\n"
    "                       lines, totals, VAT breakdown, payments and derived status; issued\r\n"
    "                       documents as they were frozen when issued; one per line\r\n"
    "payments.json          every payment received on an invoice and every refund paid on a\r\n"
    "                       credit note (amounts positive; \"kind\" tells which)\r\n"
    "expenses.json          every purchase and purchase credit note with its lines, derived\r\n"
    "                       amounts (positive on credit notes too) and receipts (\"file\" is\r\n"
    "                       the file under receipts/)\r\n"
    "audit.json             the audit trail, newest entry first (\"entries\"), and the last\r\n"
    "                       hash of each device's chain (\"chain_heads\"): keep them to show\r\n"
    "                       later that no entry was removed since this export\r\n"
    "sales-journal.csv      one row per issued document and VAT category and rate: date,\r\n"
    "                       number, type, client, VAT number, category, rate, taxable, VAT and\r\n"
    "                       total (taxable + VAT) of that group; credit notes negative\r\n"
    "purchases-journal.csv  one row per purchase line: base, VAT and total, what the supplier\r\n"
    "                       is paid (base + VAT; only the base where the VAT is self-assessed:\r\n"
    "                       every VAT treatment but domestic and none); purchase credit notes\r\n"
    "                       negative; deductible and VAT recoverable percentages as recorded\r\n"
    "payments.csv           one row per payment; refunds on credit notes negative\r\n"
    "receipts/              the stored receipts and original documents, named\r\n"
    "                       ATTACHMENT-ID-FILENAME (characters other than A-Z a-z 0-9 . _ -\r\n"
    "                       in the file name replaced by _)\r\n"
    "\r\n"
    "CSV files follow RFC 4180: comma separated, CRLF line ends, a header row, fields that\r\n"
    "hold a comma, a double quote or a line break in double quotes (quotes doubled).\r\n";

static char *
join_path (const char *dir, const char *name)
{
  size_t a = strlen (dir), b = strlen (name);
  char *p = malloc (a + b + 2);

  if (p == NULL)
    return NULL;
  memcpy (p, dir, a);
  p[a] = '/';
  memcpy (p + a + 1, name, b + 1);
  return p;
}

/* Remembers @name before it is created, so that a failed export removes it. */
static DokusStatus
remember_file (ExportFiles *files, const char *name, DokusError *err)
{
  char *copy = strdup (name);

  if (copy != NULL && files->n == files->cap)
    {
      size_t cap = files->cap ? files->cap * 2 : 32;
      char **grown = realloc (files->names, cap * sizeof *grown);
      if (grown == NULL)
        {
          free (copy);
          copy = NULL;
        }
      else
        {
          files->names = grown;
          files->cap = cap;
        }
    }
  if (copy == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  files->names[files->n++] = copy;
  return DOKUS_OK;
}

static DokusStatus
open_file (const Export *x, const char *name, FILE **out, DokusError *err)
{
  char *path = join_path (x->dir, name);
  DokusStatus st;

  *out = NULL;
  if (path == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = remember_file (x->files, name, err);
  if (st == DOKUS_OK)
    *out = fopen (path, "wb");
  free (path);
  if (st != DOKUS_OK)
    return st;
  if (*out == NULL)
    return dokus_error_set (err, DOKUS_ERR_IO, "dir", "cannot create %s in %s", name, x->dir);
  return DOKUS_OK;
}

/* One more step of the export done: tells the progress callback, which
 * may cancel (DOKUS_ERR_REFUSED, field "progress"). */
static DokusStatus
step_done (Export *x, DokusError *err)
{
  if (x->done < x->total)
    x->done++;
  if (x->progress != NULL && !x->progress (x->done, x->total, x->progress_data))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "progress", "the export was cancelled");
  return DOKUS_OK;
}

/* Closes @f; an earlier failed write or a failed close is DOKUS_ERR_IO. */
static DokusStatus
close_file (const Export *x, FILE *f, const char *name, DokusStatus st, DokusError *err)
{
  bool failed = ferror (f) != 0;

  if (fclose (f) != 0)
    failed = true;
  if (st == DOKUS_OK && failed)
    return dokus_error_set (err, DOKUS_ERR_IO, "dir", "cannot write %s in %s", name, x->dir);
  return st;
}

static DokusStatus
write_text (const Export *x, const char *name, const char *text, size_t len, DokusError *err)
{
  FILE *f;
  DokusStatus st = open_file (x, name, &f, err);

  if (st != DOKUS_OK)
    return st;
  if (len > 0)
    fwrite (text, 1, len, f);
  return close_file (x, f, name, DOKUS_OK, err);
}

/* Writes @json (taken) formatted, with a final line end. */
static DokusStatus
write_json_take (const Export *x, const char *name, cJSON *json, DokusError *err)
{
  char *text = json ? cJSON_Print (json) : NULL;
  DokusStatus st;
  FILE *f;

  cJSON_Delete (json);
  if (text == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = open_file (x, name, &f, err);
  if (st == DOKUS_OK)
    {
      fputs (text, f);
      fputc ('\n', f);
      st = close_file (x, f, name, DOKUS_OK, err);
    }
  free (text);
  return st;
}

/* Writes the array @arr (taken) one element per line: "[\n{...},\n{...}\n]\n". */
static DokusStatus
write_array_take (const Export *x, const char *name, cJSON *arr, DokusError *err)
{
  FILE *f;
  const cJSON *item;
  DokusStatus st = DOKUS_OK;
  bool first = true;

  if (arr == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = open_file (x, name, &f, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (arr);
      return st;
    }
  fputc ('[', f);
  cJSON_ArrayForEach (item, arr)
    {
      char *text = cJSON_PrintUnformatted (item);
      if (text == NULL)
        {
          st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          break;
        }
      fputs (first ? "\n" : ",\n", f);
      fputs (text, f);
      free (text);
      first = false;
    }
  fputs (first ? "]\n" : "\n]\n", f);
  cJSON_Delete (arr);
  return close_file (x, f, name, st, err);
}

/* ---- CSV (RFC 4180) ---------------------------------------------------------- */

static void
csv_text (FILE *f, const char *s, bool last)
{
  if (s != NULL && strpbrk (s, ",\"\r\n") != NULL)
    {
      fputc ('"', f);
      for (const char *p = s; *p; p++)
        {
          if (*p == '"')
            fputc ('"', f);
          fputc (*p, f);
        }
      fputc ('"', f);
    }
  else if (s != NULL)
    fputs (s, f);
  fputs (last ? "\r\n" : ",", f);
}

static void
csv_cents (FILE *f, DokusCents c, bool last)
{
  char buf[DOKUS_MONEY_TEXT];
  csv_text (f, dokus_cents_format (c, buf), last);
}

static const char *
column_text (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Runs @sql and hands each row to @row, writing to the file @name after
 * its @header line. */
static DokusStatus
write_csv (const Export *x, sqlite3 *db, const char *name, const char *header, const char *sql,
           void (*row) (FILE *f, sqlite3_stmt *stmt), DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  FILE *f;
  DokusStatus st;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, name, err);
  st = open_file (x, name, &f, err);
  if (st != DOKUS_OK)
    {
      sqlite3_finalize (stmt);
      return st;
    }
  fputs (header, f);
  fputs ("\r\n", f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (f, stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, name, err);
  return close_file (x, f, name, st, err);
}

static void
sales_row (FILE *f, sqlite3_stmt *stmt)
{
  const char *type = column_text (stmt, 2);
  int sign = type && strcmp (type, "credit_note") == 0 ? -1 : 1;
  DokusCents taxable = sqlite3_column_int64 (stmt, 7), vat = sqlite3_column_int64 (stmt, 8);

  for (int i = 0; i < 7; i++)
    csv_text (f, column_text (stmt, i), false);
  csv_cents (f, sign * taxable, false);
  csv_cents (f, sign * vat, false);
  csv_cents (f, sign * (taxable + vat), true);
}

static const char sales_sql[]
  = "SELECT d.issue_date, d.number, d.type,"
    " coalesce(json_extract(d.buyer_json, '$.name'), c.name),"
    " coalesce(json_extract(d.buyer_json, '$.vat_number'), c.vat_number),"
    " v.category, v.rate, v.taxable_amount, v.tax_amount"
    " FROM documents d JOIN document_vat v ON v.document_id = d.id"
    " JOIN clients c ON c.id = d.client_id"
    " WHERE d.state <> 'draft'"
    " ORDER BY d.issue_date, d.type DESC, d.series_number, d.number, v.category, v.rate";

static void
purchases_row (FILE *f, sqlite3_stmt *stmt)
{
  int sign = sqlite3_column_int (stmt, 2) ? -1 : 1;
  DokusCents base = sqlite3_column_int64 (stmt, 10), vat = sqlite3_column_int64 (stmt, 11);
  /* what the supplier is paid: self-assessed VAT is owed to the State */
  DokusCents total = dokus_reports_vat_self_assessed (column_text (stmt, 8)) ? base : base + vat;

  csv_text (f, column_text (stmt, 0), false);
  csv_text (f, column_text (stmt, 1), false);
  csv_text (f, sign < 0 ? "credit_note" : "purchase", false);
  for (int i = 3; i < 10; i++)
    csv_text (f, column_text (stmt, i), false);
  csv_cents (f, sign * base, false);
  csv_cents (f, sign * vat, false);
  csv_cents (f, sign * total, false);
  csv_text (f, column_text (stmt, 12), false);
  csv_text (f, column_text (stmt, 13), false);
  csv_text (f, column_text (stmt, 14), true);
}

static const char purchases_sql[]
  = "SELECT e.date, e.number, e.is_credit_note, e.supplier_name, e.supplier_vat_number,"
    " e.supplier_country, e.category, e.kind, e.vat_treatment, l.vat_rate, l.base, l.vat_amount,"
    " e.deductible_percent, e.vat_recoverable_percent, e.id"
    " FROM expenses e JOIN expense_lines l ON l.expense_id = e.id"
    " ORDER BY e.date, e.created_at, e.id, l.position";

static void
payments_row (FILE *f, sqlite3_stmt *stmt)
{
  const char *type = column_text (stmt, 2);
  int sign = type && strcmp (type, "credit_note") == 0 ? -1 : 1;

  for (int i = 0; i < 4; i++)
    csv_text (f, column_text (stmt, i), false);
  csv_cents (f, sign * sqlite3_column_int64 (stmt, 4), false);
  csv_text (f, column_text (stmt, 5), false);
  csv_text (f, column_text (stmt, 6), true);
}

static const char payments_sql[]
  = "SELECT p.date, d.number, d.type, coalesce(json_extract(d.buyer_json, '$.name'), c.name),"
    " p.amount, p.reference, p.id"
    " FROM payments p JOIN documents d ON d.id = p.document_id"
    " JOIN clients c ON c.id = d.client_id"
    " ORDER BY p.date, p.created_at, p.id";

/* ---- JSON files -------------------------------------------------------------- */

static DokusStatus
write_profile (const Export *x, sqlite3 *db, DokusError *err)
{
  DokusError local = { 0 };
  cJSON *o = dokus_profile_to_json (db, &local);

  if (o == NULL && local.code != DOKUS_ERR_NOT_FOUND)
    {
      if (err != NULL)
        *err = local;
      return local.code;
    }
  return write_json_take (x, "profile.json", o ? o : cJSON_CreateNull (), err);
}

static DokusStatus
write_clients (const Export *x, DokusBook *book, DokusError *err)
{
  char *json = NULL;
  cJSON *root, *arr;
  DokusStatus st = dokus_client_list (book, true, &json, err);

  if (st != DOKUS_OK)
    return st;
  root = cJSON_Parse (json);
  free (json);
  arr = root ? cJSON_DetachItemFromObject (root, "clients") : NULL;
  cJSON_Delete (root);
  return write_array_take (x, "clients.json", arr, err);
}

static DokusStatus
write_documents (Export *x, sqlite3 *db, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  FILE *f;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT id FROM documents ORDER BY state = 'draft',"
                               " issue_date IS NULL, issue_date, type DESC, series_number,"
                               " created_at, id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "listing the documents", err);
  st = open_file (x, "documents.json", &f, err);
  if (st != DOKUS_OK)
    {
      sqlite3_finalize (stmt);
      return st;
    }
  fputc ('[', f);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *text = NULL;
      st = dokus_document_show_text (db, column_text (stmt, 0), &text, err);
      if (st != DOKUS_OK)
        break;
      fputs (x->documents ? ",\n" : "\n", f);
      fputs (text, f);
      free (text);
      x->documents++;
      st = step_done (x, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "listing the documents", err);
  fputs (x->documents ? "\n]\n" : "]\n", f);
  return close_file (x, f, "documents.json", st, err);
}

static DokusStatus
write_payments (const Export *x, sqlite3 *db, DokusError *err)
{
  cJSON *arr = cJSON_CreateArray ();
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT p.id, p.document_id, d.number, d.type, d.client_id,"
                               " coalesce(json_extract(d.buyer_json, '$.name'), c.name),"
                               " p.amount, p.date, p.reference, p.created_at"
                               " FROM payments p JOIN documents d ON d.id = p.document_id"
                               " JOIN clients c ON c.id = d.client_id"
                               " ORDER BY p.date, p.created_at, p.id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cJSON_Delete (arr);
      return dokus_book_sqlite_error (db, rc, "listing the payments", err);
    }
  while (arr && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *o = cJSON_CreateObject (), *doc, *client;
      const char *type = column_text (stmt, 3);
      dokus_json_add_string_or_null (o, "id", column_text (stmt, 0));
      cJSON_AddStringToObject (o, "kind", type && strcmp (type, "credit_note") == 0 ? "refund"
                                                                                    : "payment");
      doc = cJSON_AddObjectToObject (o, "document");
      dokus_json_add_string_or_null (doc, "id", column_text (stmt, 1));
      dokus_json_add_string_or_null (doc, "number", column_text (stmt, 2));
      dokus_json_add_string_or_null (doc, "type", type);
      client = cJSON_AddObjectToObject (o, "client");
      dokus_json_add_string_or_null (client, "id", column_text (stmt, 4));
      dokus_json_add_string_or_null (client, "name", column_text (stmt, 5));
      dokus_json_add_cents (o, "amount", sqlite3_column_int64 (stmt, 6));
      dokus_json_add_string_or_null (o, "date", column_text (stmt, 7));
      dokus_json_add_string_or_null (o, "reference", column_text (stmt, 8));
      dokus_json_add_string_or_null (o, "created_at", column_text (stmt, 9));
      cJSON_AddItemToArray (arr, o);
    }
  sqlite3_finalize (stmt);
  if (arr != NULL && rc != SQLITE_DONE)
    {
      cJSON_Delete (arr);
      return dokus_book_sqlite_error (db, rc, "listing the payments", err);
    }
  return write_array_take (x, "payments.json", arr, err);
}

/* "ID-NAME" with NAME's bytes outside A-Z a-z 0-9 . _ - replaced by '_',
 * at most RECEIPT_NAME_MAX of them; (transfer full). */
static char *
receipt_name (const char *id, const char *filename)
{
  size_t n = strlen (id);
  char *out = malloc (n + 1 + RECEIPT_NAME_MAX + 1);
  size_t o;

  if (out == NULL)
    return NULL;
  memcpy (out, id, n);
  out[n] = '-';
  o = n + 1;
  for (const char *p = filename ? filename : ""; *p && o < n + 1 + RECEIPT_NAME_MAX; p++)
    {
      char c = *p;
      bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                  || c == '.' || c == '_' || c == '-';
      out[o++] = keep ? c : '_';
    }
  if (o == n + 1)
    {
      memcpy (out + o, "file", 4);
      o += 4;
    }
  out[o] = '\0';
  return out;
}

/* Each purchase as dokus_expense_show() gives it, every receipt with the
 * "file" it was written to under receipts/. */
static DokusStatus
write_expenses (Export *x, DokusBook *book, sqlite3 *db, DokusError *err)
{
  cJSON *arr = cJSON_CreateArray ();
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT id FROM expenses ORDER BY date, created_at, id", -1,
                               &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cJSON_Delete (arr);
      return dokus_book_sqlite_error (db, rc, "listing the purchases", err);
    }
  if (arr == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *text = NULL;
      cJSON *o, *r;

      st = dokus_expense_show (book, column_text (stmt, 0), &text, err);
      if (st != DOKUS_OK)
        break;
      o = cJSON_Parse (text);
      free (text);
      if (o == NULL || !cJSON_AddItemToArray (arr, o))
        {
          cJSON_Delete (o);
          st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          break;
        }
      cJSON_ArrayForEach (r, cJSON_GetObjectItem (o, "receipts"))
        {
          const cJSON *rid = cJSON_GetObjectItem (r, "id");
          const cJSON *rname = cJSON_GetObjectItem (r, "filename");
          char *base = NULL, *file = NULL;

          if (cJSON_IsString (rid))
            base = receipt_name (rid->valuestring,
                                 cJSON_IsString (rname) ? rname->valuestring : NULL);
          file = base ? join_path ("receipts", base) : NULL;
          dokus_json_add_string_or_null (r, "file", file);
          free (base);
          free (file);
        }
      x->expenses++;
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "listing the purchases", err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (arr);
      return st;
    }
  return write_array_take (x, "expenses.json", arr, err);
}

static DokusStatus
write_audit (const Export *x, DokusBook *book, sqlite3 *db, DokusError *err)
{
  char *entries = NULL;
  cJSON *root, *heads;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = dokus_audit_list_json (book, 0, &entries, err);
  int rc;

  if (st != DOKUS_OK)
    return st;
  root = cJSON_CreateObject ();
  if (root == NULL || !cJSON_AddItemToObject (root, "entries", cJSON_Parse (entries)))
    {
      free (entries);
      cJSON_Delete (root);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  free (entries);
  heads = cJSON_AddArrayToObject (root, "chain_heads");
  rc = sqlite3_prepare_v2 (db,
                           "SELECT a.device_id, a.device_seq, lower(hex(a.hash)) FROM audit_log a"
                           " WHERE a.device_seq = (SELECT max(b.device_seq) FROM audit_log b"
                           "  WHERE b.device_id = a.device_id) ORDER BY a.device_id",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *h = cJSON_CreateObject ();
      dokus_json_add_string_or_null (h, "device_id", column_text (stmt, 0));
      cJSON_AddNumberToObject (h, "device_seq", (double) sqlite3_column_int64 (stmt, 1));
      dokus_json_add_string_or_null (h, "hash", column_text (stmt, 2));
      cJSON_AddItemToArray (heads, h);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (root);
      return dokus_book_sqlite_error (db, rc, "reading the audit chains", err);
    }
  return write_json_take (x, "audit.json", root, err);
}

static DokusStatus
write_receipts (Export *x, sqlite3 *db, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT id, filename, content FROM attachments"
                               " ORDER BY created_at, id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the attachments", err);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *name = receipt_name (column_text (stmt, 0), column_text (stmt, 1));
      char *file = name ? join_path ("receipts", name) : NULL;
      const void *content = sqlite3_column_blob (stmt, 2);
      int len = sqlite3_column_bytes (stmt, 2);

      if (file == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      else
        st = write_text (x, file, content, content ? (size_t) len : 0, err);
      free (name);
      free (file);
      x->attachments++;
      if (st == DOKUS_OK)
        st = step_done (x, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the attachments", err);
  return st;
}

/* ---- the export -------------------------------------------------------------- */

/* The steps of an export: one per file besides documents.json and the
 * receipts (WRITER_STEPS), one per document, one per receipt. */
#define WRITER_STEPS 9

static DokusStatus
count_steps (Export *x, sqlite3 *db, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT (SELECT count (*) FROM documents)"
                               " + (SELECT count (*) FROM attachments)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      x->total = WRITER_STEPS + (unsigned long) sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "counting what to export", err);
  return DOKUS_OK;
}

static DokusStatus
write_all (Export *x, DokusBook *book, sqlite3 *db, DokusError *err)
{
  DokusStatus st = count_steps (x, db, err);

  if (st == DOKUS_OK && x->progress != NULL && !x->progress (0, x->total, x->progress_data))
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "progress", "the export was cancelled");
  if (st == DOKUS_OK)
    st = write_text (x, "README.txt", readme, sizeof readme - 1, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_profile (x, db, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_clients (x, book, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_documents (x, db, err);
  if (st == DOKUS_OK)
    st = write_payments (x, db, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_expenses (x, book, db, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_audit (x, book, db, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_csv (x, db, "sales-journal.csv",
                    "date,number,type,client,vat_number,category,rate,taxable,vat,total",
                    sales_sql, sales_row, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_csv (x, db, "purchases-journal.csv",
                    "date,number,type,supplier,vat_number,country,category,kind,vat_treatment,"
                    "rate,base,vat,total,deductible_percent,vat_recoverable_percent,expense_id",
                    purchases_sql, purchases_row, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_csv (x, db, "payments.csv",
                    "date,document_number,document_type,client,amount,reference,payment_id",
                    payments_sql, payments_row, err);
  if (st == DOKUS_OK && (st = step_done (x, err)) == DOKUS_OK)
    st = write_receipts (x, db, err);
  return st;
}

/* Removes what a failed export wrote: its files, the receipts directory
 * and @dir itself when the export made it (an empty directory given by
 * the caller stays, empty). Best effort: the error already reported is
 * the one that matters. */
static void
remove_partial (const Export *x, bool made_dir)
{
  char *receipts = join_path (x->dir, "receipts");

  for (size_t i = x->files->n; i-- > 0;)
    {
      char *path = join_path (x->dir, x->files->names[i]);
      if (path != NULL)
        dokus_platform_remove_file (path);
      free (path);
    }
  if (receipts != NULL)
    dokus_platform_remove_dir (receipts);
  free (receipts);
  if (made_dir)
    dokus_platform_remove_dir (x->dir);
}

static void
files_clear (ExportFiles *files)
{
  for (size_t i = 0; i < files->n; i++)
    free (files->names[i]);
  free (files->names);
}

DokusStatus
dokus_export (DokusBook *book, const char *dir, DokusError *err)
{
  return dokus_export_with_progress (book, dir, NULL, NULL, err);
}

DokusStatus
dokus_export_with_progress (DokusBook *book, const char *dir, DokusExportProgress progress,
                            void *progress_data, DokusError *err)
{
  sqlite3 *db;
  DokusError local = { 0 };
  ExportFiles files = { 0 };
  Export x = { .dir = dir, .files = &files, .progress = progress,
               .progress_data = progress_data };
  char *receipts = NULL, *after = NULL;
  cJSON *summary;
  DokusStatus st;
  bool made_dir = false;
  int rc;

  assert (book != NULL);
  if (err == NULL)
    err = &local;
  if (dir == NULL || dir[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "dir", "no directory given");
  db = dokus_book_get_db (book);
  if (!sqlite3_get_autocommit (db))
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "",
                            "dokus_export called inside a transaction");
  if (dokus_platform_path_exists (dir))
    {
      if (!dokus_platform_dir_is_empty (dir))
        return dokus_error_set (err, DOKUS_ERR_REFUSED, "dir",
                                "%s exists and is not an empty directory: export into a new one",
                                dir);
    }
  else if (!dokus_platform_make_dir (dir))
    return dokus_error_set (err, DOKUS_ERR_IO, "dir", "cannot create the directory %s", dir);
  else
    made_dir = true;
  receipts = join_path (dir, "receipts");
  if (receipts == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  else if (!dokus_platform_make_dir (receipts))
    st = dokus_error_set (err, DOKUS_ERR_IO, "dir", "cannot create the directory %s/receipts",
                          dir);
  else
    st = DOKUS_OK;
  free (receipts);
  if (st != DOKUS_OK)
    goto out;

  /* one snapshot for every file: a read transaction (WAL readers do not
     block writers, nor they it) */
  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      st = dokus_book_sqlite_error (db, rc, "starting the export", err);
      goto out;
    }
  st = write_all (&x, book, db, err);
  if (st == DOKUS_OK)
    {
      rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        st = dokus_book_sqlite_error (db, rc, "ending the export", err);
    }
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (st != DOKUS_OK)
    goto out;

  summary = cJSON_CreateObject ();
  if (summary != NULL)
    {
      cJSON_AddStringToObject (summary, "dir", dir);
      cJSON_AddNumberToObject (summary, "documents", (double) x.documents);
      cJSON_AddNumberToObject (summary, "expenses", (double) x.expenses);
      cJSON_AddNumberToObject (summary, "attachments", (double) x.attachments);
    }
  st = dokus_json_print_take (summary, &after, err);
  if (st == DOKUS_OK)
    st = dokus_audit_record (book, "export", "book", NULL, NULL, after, err);
  free (after);
out:
  if (st != DOKUS_OK)
    remove_partial (&x, made_dir);
  files_clear (&files);
  return st;
}
