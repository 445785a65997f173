/* dokus-receivables.c
 *
 * Aged receivables (dokus-reports.h): the open invoices as of today in
 * buckets of days past their due date (not due, 1-30, 31-60, 61-90, more
 * than 90), with totals per bucket and per client. Open amounts are the
 * derived balances of the ledger, so payments and credit notes count the
 * same way as everywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-json-input-private.h"
#include "dokus-reports-private.h"
#include "dokus/dokus-ledger.h"

#define N_BUCKETS 5

static const char *const bucket_names[N_BUCKETS] = { "not_due", "1-30", "31-60", "61-90", "90+" };

typedef struct {
  cJSON     *documents;
  DokusCents total;
  long       count;
} Bucket;

typedef struct {
  char       id[DOKUS_ID_TEXT];
  char      *name;
  DokusCents total, overdue;
  long       count;
} ClientSum;

typedef struct {
  DokusDate  today;
  Bucket     buckets[N_BUCKETS];
  ClientSum *clients;
  size_t     n_clients, cap_clients;
  DokusCents total, overdue;
} Aging;

static int
bucket_of (int32_t days_overdue)
{
  if (days_overdue <= 0)
    return 0;
  if (days_overdue <= 30)
    return 1;
  if (days_overdue <= 60)
    return 2;
  if (days_overdue <= 90)
    return 3;
  return 4;
}

static ClientSum *
client_sum (Aging *a, const char *id, const char *name)
{
  ClientSum *c;

  for (size_t i = 0; i < a->n_clients; i++)
    if (strcmp (a->clients[i].id, id) == 0)
      return &a->clients[i];
  if (a->n_clients == a->cap_clients)
    {
      size_t cap = a->cap_clients ? a->cap_clients * 2 : 8;
      ClientSum *more = realloc (a->clients, cap * sizeof *more);
      if (more == NULL)
        return NULL;
      a->clients = more;
      a->cap_clients = cap;
    }
  c = &a->clients[a->n_clients];
  memset (c, 0, sizeof *c);
  c->name = malloc (strlen (name) + 1);
  if (c->name == NULL)
    return NULL;
  strcpy (c->name, name);
  snprintf (c->id, sizeof c->id, "%s", id);
  a->n_clients++;
  return c;
}

static DokusStatus
add_invoice (const DokusOpenInvoice *inv, void *data, DokusError *err)
{
  Aging *a = data;
  Bucket *b = &a->buckets[bucket_of (inv->days_overdue)];
  ClientSum *c = client_sum (a, inv->client_id ? inv->client_id : "",
                             inv->client_name ? inv->client_name : "");
  cJSON *o = cJSON_CreateObject (), *client;
  DokusCents overdue = inv->overdue ? inv->open : 0;

  if (c == NULL || o == NULL)
    {
      cJSON_Delete (o);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  cJSON_AddStringToObject (o, "id", inv->id);
  dokus_json_add_string_or_null (o, "number", inv->number);
  client = cJSON_AddObjectToObject (o, "client");
  dokus_json_add_string_or_null (client, "id", inv->client_id);
  dokus_json_add_string_or_null (client, "name", inv->client_name);
  dokus_json_add_string_or_null (o, "issue_date", inv->issue_date);
  dokus_json_add_string_or_null (o, "due_date", inv->due_date);
  cJSON_AddNumberToObject (o, "days_overdue", inv->days_overdue);
  dokus_json_add_cents (o, "open_amount", inv->open);
  cJSON_AddItemToArray (b->documents, o);
  b->count++;
  c->count++;
  if (dokus_reports_add (&b->total, inv->open, err) != DOKUS_OK
      || dokus_reports_add (&a->total, inv->open, err) != DOKUS_OK
      || dokus_reports_add (&a->overdue, overdue, err) != DOKUS_OK
      || dokus_reports_add (&c->total, inv->open, err) != DOKUS_OK
      || dokus_reports_add (&c->overdue, overdue, err) != DOKUS_OK)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the open amounts are too large");
  return DOKUS_OK;
}

static DokusStatus
read_aging (sqlite3 *db, void *data, DokusError *err)
{
  Aging *a = data;
  return dokus_reports_open_invoices (db, a->today, add_invoice, a, err);
}

/* the largest total first, then by name and id: a stable order */
static int
compare_clients (const void *pa, const void *pb)
{
  const ClientSum *a = pa, *b = pb;
  int c;

  if (a->total != b->total)
    return a->total > b->total ? -1 : 1;
  c = strcmp (a->name, b->name);
  return c ? c : strcmp (a->id, b->id);
}

DokusStatus
dokus_report_receivables (DokusBook *book, char **out_json, DokusError *err)
{
  char today_text[DOKUS_DATE_TEXT];
  DokusError local = { 0 };
  Aging a = { .today = dokus_date_today () };
  cJSON *root = cJSON_CreateObject (), *buckets, *clients;
  DokusStatus st = DOKUS_OK;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  if (err == NULL)
    err = &local;
  for (int i = 0; i < N_BUCKETS; i++)
    if ((a.buckets[i].documents = cJSON_CreateArray ()) == NULL)
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (root == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK)
    st = dokus_reports_read (dokus_book_get_db (book), read_aging, &a, err);
  if (st != DOKUS_OK)
    goto out;

  cJSON_AddStringToObject (root, "as_of", dokus_date_format (a.today, today_text));
  dokus_json_add_cents (root, "total", a.total);
  dokus_json_add_cents (root, "overdue", a.overdue);
  buckets = cJSON_AddArrayToObject (root, "buckets");
  for (int i = 0; buckets && i < N_BUCKETS; i++)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "name", bucket_names[i]);
      dokus_json_add_cents (o, "total", a.buckets[i].total);
      cJSON_AddNumberToObject (o, "count", (double) a.buckets[i].count);
      if (cJSON_AddItemToObject (o, "documents", a.buckets[i].documents))
        a.buckets[i].documents = NULL;
      cJSON_AddItemToArray (buckets, o);
    }
  if (a.n_clients > 1)
    qsort (a.clients, a.n_clients, sizeof *a.clients, compare_clients);
  clients = cJSON_AddArrayToObject (root, "clients");
  for (size_t i = 0; clients && i < a.n_clients; i++)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "id", a.clients[i].id);
      cJSON_AddStringToObject (o, "name", a.clients[i].name);
      dokus_json_add_cents (o, "total", a.clients[i].total);
      dokus_json_add_cents (o, "overdue", a.clients[i].overdue);
      cJSON_AddNumberToObject (o, "count", (double) a.clients[i].count);
      cJSON_AddItemToArray (clients, o);
    }
  st = dokus_json_print_take (root, out_json, err);
  root = NULL;
out:
  cJSON_Delete (root);
  for (int i = 0; i < N_BUCKETS; i++)
    cJSON_Delete (a.buckets[i].documents);
  for (size_t i = 0; i < a.n_clients; i++)
    free (a.clients[i].name);
  free (a.clients);
  return st;
}
