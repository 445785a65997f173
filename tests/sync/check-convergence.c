/* check-convergence.c
 *
 * The convergence property test of book sync (suite "sync"): 2 to 8
 * replicas of one book (real encrypted books, minimum KDF cost) edit
 * clients, create, edit, delete and issue drafts, record payments and
 * move the series lease, through an in-process relay that numbers
 * envelopes and deduplicates by (device, dev_seq), while a seeded
 * scheduler partitions replicas, drops, duplicates and reorders
 * deliveries, loses acknowledgements, crashes replicas (close and reopen)
 * between commit, push, ack and apply, and skews their clocks by up to
 * 10 minutes. After healing, within 3 rounds, every replica must have the
 * same state digest, nothing waiting, every device's envelopes applied
 * exactly up to its head, invoice numbers 1..n without gap or duplicate,
 * and every audit chain verifying. A failure names its seed; rerun one
 * seed with DOKUS_SYNC_SEED=S, more with DOKUS_SYNC_SEEDS=N (default
 * 1000) from DOKUS_SYNC_FIRST (default 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include <dokus/dokus-sync.h>

#define MAX_REPLICAS 8
#define SERIES "invoice/2026"
#define BASE_MS INT64_C (1781517600000) /* 2026-06-15T10:00:00Z */
#define SKEW_MS (10 * 60 * 1000)

static unsigned long long seed;

#define CHECK(cond, ...)                                                                           \
  do                                                                                               \
    {                                                                                              \
      if (!(cond))                                                                                 \
        {                                                                                          \
          char msg_[512];                                                                          \
          snprintf (msg_, sizeof msg_, __VA_ARGS__);                                               \
          ck_abort_msg ("seed %llu: %s (rerun: DOKUS_SYNC_SEED=%llu)", seed, msg_, seed);          \
        }                                                                                          \
    }                                                                                              \
  while (0)

/* xorshift64*: the whole run follows from the seed */
static uint64_t rng_state;

static uint64_t
rng (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C (2685821657736338717);
}

static unsigned
pick (unsigned n)
{
  return n ? (unsigned) (rng () % n) : 0;
}

static bool
chance (unsigned percent)
{
  return pick (100) < percent;
}

/* ---- the in-process relay ---- */

typedef struct {
  DokusSyncEnvelope *log; /* log[i] has server_seq i + 1 */
  size_t n, cap;
  int lease_holder; /* replica index, -1: free */
  int64_t lease_epoch;
} Relay;

static DokusSyncEnvelope
envelope_copy (const DokusSyncEnvelope *e)
{
  DokusSyncEnvelope c = *e;
  c.ct = malloc (e->ct_len);
  ck_assert (c.ct != NULL);
  memcpy (c.ct, e->ct, e->ct_len);
  return c;
}

static int64_t
relay_max_dev_seq (const Relay *r, const char *device)
{
  int64_t max = 0;
  for (size_t i = 0; i < r->n; i++)
    if (strcmp (r->log[i].device_id, device) == 0 && r->log[i].dev_seq > max)
      max = r->log[i].dev_seq;
  return max;
}

/* server_seq of the stored envelope; 0 for a gap (409 next_dev_seq) */
static int64_t
relay_push (Relay *r, const DokusSyncEnvelope *e)
{
  for (size_t i = 0; i < r->n; i++)
    if (strcmp (r->log[i].device_id, e->device_id) == 0 && r->log[i].dev_seq == e->dev_seq)
      {
        /* a retry is byte-identical: outbox rows are sealed once */
        CHECK (r->log[i].ct_len == e->ct_len && memcmp (r->log[i].ct, e->ct, e->ct_len) == 0
                   && memcmp (r->log[i].sig, e->sig, sizeof e->sig) == 0,
               "device %s re-sent dev_seq %" PRId64 " with other bytes", e->device_id,
               e->dev_seq);
        return (int64_t) i + 1;
      }
  if (e->dev_seq != relay_max_dev_seq (r, e->device_id) + 1)
    return 0;
  if (r->n == r->cap)
    {
      r->cap = r->cap ? 2 * r->cap : 64;
      r->log = realloc (r->log, r->cap * sizeof *r->log);
      ck_assert (r->log != NULL);
    }
  r->log[r->n] = envelope_copy (e);
  r->log[r->n].server_seq = (int64_t) r->n + 1;
  r->n++;
  return (int64_t) r->n;
}

static void
relay_clear (Relay *r)
{
  dokus_sync_envelopes_free (r->log, r->n);
  memset (r, 0, sizeof *r);
}

/* ---- replicas ---- */

typedef struct {
  DokusBook *book;
  char *path;
  char device[DOKUS_SYNC_ID_TEXT];
  int64_t skew_ms;
  bool online;
} Replica;

static int64_t now_ms;
static char *dir;
static Replica reps[MAX_REPLICAS];
static int n_reps;
static Relay relay;

static int64_t
replica_clock (void *user)
{
  return now_ms + ((Replica *) user)->skew_ms;
}

static void
replica_open (Replica *r)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_book_open (r->path, "pw", &r->book, &err);
  CHECK (st == DOKUS_OK, "reopen: %s", err.message);
  st = dokus_sync_set_clock (r->book, replica_clock, r, &err);
  CHECK (st == DOKUS_OK, "clock: %s", err.message);
}

static void
crash (Replica *r)
{
  /* everything committed survives; nothing else does */
  dokus_book_close (r->book);
  replica_open (r);
}

static char *
query_text (Replica *r, const char *sql)
{
  return dokus_test_query_text (dokus_book_get_db (r->book), sql);
}

static long long
query_int (Replica *r, const char *sql)
{
  return dokus_test_query_int (dokus_book_get_db (r->book), sql);
}

/* a random id from "SELECT id ... " or NULL */
static char *
random_id (Replica *r, const char *where_sql)
{
  char sql[256];
  long long n;

  snprintf (sql, sizeof sql, "SELECT count(*) FROM %s", where_sql);
  n = query_int (r, sql);
  if (n == 0)
    return NULL;
  snprintf (sql, sizeof sql, "SELECT id FROM %s ORDER BY rowid LIMIT 1 OFFSET %u", where_sql,
            pick ((unsigned) n));
  return query_text (r, sql);
}

static void
push (Replica *r, bool faults)
{
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0;
  DokusError err = { 0 };
  DokusStatus st = dokus_sync_outbox_list (r->book, faults ? 1 + pick (6) : 0, &envs, &n, &err);

  CHECK (st == DOKUS_OK, "outbox: %s", err.message);
  for (size_t i = 0; i < n; i++)
    {
      int64_t seq;
      if (faults && chance (8))
        break; /* the request is lost */
      seq = relay_push (&relay, &envs[i]);
      CHECK (seq > 0, "relay refused dev_seq %" PRId64 " of %s: a gap", envs[i].dev_seq,
             r->device);
      if (faults && chance (8))
        break; /* the reply is lost, or the client crashed before the ack */
      st = dokus_sync_outbox_ack (r->book, envs[i].dev_seq, seq, &err);
      CHECK (st == DOKUS_OK, "ack: %s", err.message);
    }
  dokus_sync_envelopes_free (envs, n);
}

/* Pulls after the cursor; with faults, deliveries are dropped, doubled
 * and shuffled, and the cursor only moves over what arrived. */
static void
pull (Replica *r, bool faults)
{
  int64_t cursor = 0, limit, got = 0;
  DokusSyncEnvelope *batch;
  bool *arrived;
  size_t n = 0;
  DokusSyncApplyStats stats;
  DokusError err = { 0 };
  DokusStatus st = dokus_sync_get_cursor (r->book, &cursor, &err);

  CHECK (st == DOKUS_OK, "cursor: %s", err.message);
  limit = faults ? 1 + pick (12) : (int64_t) relay.n;
  if (cursor + limit > (int64_t) relay.n)
    limit = (int64_t) relay.n - cursor;
  if (limit <= 0)
    return;
  batch = calloc ((size_t) limit * 2, sizeof *batch);
  arrived = calloc ((size_t) limit, sizeof *arrived);
  ck_assert (batch && arrived);
  for (int64_t i = 0; i < limit; i++)
    {
      const DokusSyncEnvelope *e = &relay.log[cursor + i];
      if (faults && chance (10))
        continue; /* dropped */
      arrived[i] = true;
      batch[n++] = *e;
      if (faults && chance (10))
        batch[n++] = *e; /* duplicated */
    }
  if (faults && chance (40))
    for (size_t i = n; i > 1; i--)
      {
        size_t j = pick ((unsigned) i);
        DokusSyncEnvelope t = batch[i - 1];
        batch[i - 1] = batch[j];
        batch[j] = t;
      }
  while (got < limit && arrived[got])
    got++;
  if (faults && chance (5))
    {
      /* crash before the apply committed: as if nothing arrived */
      free (batch);
      free (arrived);
      crash (r);
      return;
    }
  st = dokus_sync_apply (r->book, batch, n, cursor + got, &stats, &err);
  CHECK (st == DOKUS_OK, "apply on %s: %s", r->device, err.message);
  CHECK (stats.refused == 0, "%zu envelopes or ops refused on %s", stats.refused, r->device);
  free (batch);
  free (arrived);
}

/* ---- random local changes ---- */

static const char *
js (const char *fmt, ...)
{
  static char ring[8][2048];
  static unsigned next;
  char *buf = ring[next++ % 8];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (buf, sizeof ring[0], fmt, ap);
  va_end (ap);
  for (char *p = buf; *p; p++)
    if (*p == '\'')
      *p = '"';
  return buf;
}

static const char *
client_json (void)
{
  static const char *const names[] = { "Lumière SRL", "Peeters BV", "Atelier Noord", "Maes & Co" };
  return js ("{'name': '%s %u', 'vat_number': 'BE0417497106', 'email': 'info%u@example.be',"
             " 'address': {'city': 'Gent', 'country': 'BE'}}",
             names[pick (4)], pick (50), pick (9));
}

static const char *
draft_json (const char *client)
{
  return js ("{'client': '%s', 'lines': [{'description': 'Work %u', 'quantity': '%u',"
             " 'unit_price': '%u.50', 'vat_rate': '21'}]}",
             client, pick (20), 1 + pick (4), 10 + pick (90));
}

static void
expect_ok (DokusStatus st, const DokusError *err, const char *what, int i)
{
  CHECK (st == DOKUS_OK, "%s on replica %d: %s (%s)", what, i, err->message, err->field);
}

static void
random_change (int i)
{
  Replica *r = &reps[i];
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  char *target = NULL;
  DokusStatus st;

  /* the holder issues often, so that leases and numbering get exercised */
  switch (relay.lease_holder == i && chance (35) ? 6 : pick (8))
    {
    case 0: /* a new client */
      st = dokus_client_add (r->book, client_json (), id, &err);
      expect_ok (st, &err, "client add", i);
      break;
    case 1: /* edit a client */
      if ((target = random_id (r, "clients")) != NULL)
        expect_ok (dokus_client_update (r->book, target, client_json (), &err), &err,
                   "client update", i);
      break;
    case 2:
    case 3: /* a new draft */
      if ((target = random_id (r, "clients")) != NULL)
        expect_ok (dokus_invoice_create (r->book, draft_json (target), id, &err), &err,
                   "draft create", i);
      break;
    case 4: /* edit a draft */
      if ((target = random_id (r, "documents WHERE state = 'draft'")) != NULL)
        {
          char *client = query_text (r, js ("SELECT client_id FROM documents WHERE id = '%s'",
                                            target));
          expect_ok (dokus_invoice_update (r->book, target, draft_json (client), &err), &err,
                     "draft update", i);
          free (client);
        }
      break;
    case 5: /* delete a draft */
      if (chance (50) && (target = random_id (r, "documents WHERE state = 'draft'")) != NULL)
        expect_ok (dokus_document_delete_draft (r->book, target, &err), &err, "draft delete", i);
      break;
    case 6: /* issue a draft: only the lease holder may */
      if ((target = random_id (r, "documents WHERE state = 'draft'")) != NULL)
        {
          DokusIssueResult res;
          st = dokus_document_issue (r->book, target, &res, &err);
          if (relay.lease_holder == i)
            expect_ok (st, &err, "issue", i);
          else
            CHECK (st == DOKUS_ERR_REFUSED && strcmp (err.field, "series") == 0,
                   "replica %d issued without the lease (status %d, %s)", i, st, err.message);
        }
      break;
    default: /* a payment on an issued invoice */
      if ((target = random_id (r, "documents WHERE state = 'issued'")) != NULL)
        {
          st = dokus_payment_add (r->book, target, "1.00", "2026-06-15", NULL, NULL, &err);
          expect_ok (st, &err, "payment", i);
        }
      break;
    }
  free (target);
}

static void
drain (int i)
{
  DokusSyncEnvelope *envs = NULL;
  size_t n = 1;
  DokusError err = { 0 };

  while (n > 0)
    {
      push (&reps[i], false);
      ck_assert (dokus_sync_outbox_list (reps[i].book, 0, &envs, &n, &err) == DOKUS_OK);
      dokus_sync_envelopes_free (envs, n);
    }
}

/* Hands the lease from its holder to @to; both online (SYNC.md). */
static void
move_lease (int to)
{
  int from = relay.lease_holder;
  int64_t release_seq, cursor = 0;
  DokusError err = { 0 };
  char *a, *b;

  if (from == to || !reps[from].online || !reps[to].online)
    return;
  /* release: everything the holder issued is at the relay first */
  drain (from);
  release_seq = (int64_t) relay.n;
  relay.lease_holder = -1;
  ck_assert (dokus_sync_lease_set (reps[from].book, SERIES, NULL, relay.lease_epoch, &err)
             == DOKUS_OK);
  /* acquire: caught up through release_seq, then compare-and-set */
  while (cursor < release_seq)
    {
      pull (&reps[to], false);
      ck_assert (dokus_sync_get_cursor (reps[to].book, &cursor, &err) == DOKUS_OK);
    }
  a = query_text (&reps[from], "SELECT coalesce (max (last_number), 0) FROM series");
  b = query_text (&reps[to], "SELECT coalesce (max (last_number), 0) FROM series");
  CHECK (strcmp (a, b) == 0, "lease to %d: series at %s there, %s here", to, a, b);
  free (a);
  free (b);
  relay.lease_holder = to;
  relay.lease_epoch++;
  ck_assert (dokus_sync_lease_set (reps[to].book, SERIES, reps[to].device, relay.lease_epoch,
                                   &err) == DOKUS_OK);
}

/* ---- a case ---- */

static void
setup_replicas (void)
{
  DokusError err = { 0 };
  unsigned char key[DOKUS_SYNC_KEY_BYTES];
  unsigned char pks[MAX_REPLICAS][DOKUS_SYNC_SIGN_PK_BYTES];
  char book_id[DOKUS_SYNC_ID_TEXT];
  uint32_t epoch = 0;

  for (int i = 0; i < n_reps; i++)
    {
      char name[32];
      Replica *r = &reps[i];
      snprintf (name, sizeof name, "r%d.dokus", i);
      *r = (Replica){ .path = dokus_test_path (dir, name), .online = true };
      r->book = dokus_test_book_create (r->path, "pw", NULL);
      expect_ok (dokus_sync_set_clock (r->book, replica_clock, r, &err), &err, "clock", i);
      if (i == 0)
        {
          expect_ok (dokus_sync_enable (r->book, NULL, NULL, 0, &err), &err, "enable", i);
          expect_ok (dokus_sync_export_key (r->book, &epoch, key, &err), &err, "key", i);
        }
      else
        expect_ok (dokus_sync_enable (r->book, book_id, key, epoch, &err), &err, "join", i);
      expect_ok (dokus_sync_get_identity (r->book, i == 0 ? book_id : NULL, r->device, pks[i],
                                          &err),
                 &err, "identity", i);
    }
  sodium_memzero (key, sizeof key);
  /* pairing, as its result: every replica knows every member's key */
  for (int i = 0; i < n_reps; i++)
    for (int j = 0; j < n_reps; j++)
      if (i != j)
        expect_ok (dokus_sync_member_add (reps[i].book, reps[j].device, pks[j], "device", &err),
                   &err, "member", i);
  expect_ok (dokus_profile_set (reps[0].book,
                                js ("{'name': 'Studio Maes', 'enterprise_number': '0203.201.340',"
                                    " 'address': {'street': 'Veldstraat 1', 'postal_code': '9000',"
                                    " 'city': 'Gent', 'country': 'BE'}}"),
                                &err),
             &err, "profile", 0);
  relay.lease_holder = 0;
  relay.lease_epoch = 1;
  expect_ok (dokus_sync_lease_set (reps[0].book, SERIES, reps[0].device, 1, &err), &err,
             "lease", 0);
}

/* A client and a draft on the first replica, known everywhere: a paired
 * device starts from the book as it is. */
static void
share_start (void)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT];

  expect_ok (dokus_client_add (reps[0].book, client_json (), id, &err), &err, "client", 0);
  expect_ok (dokus_invoice_create (reps[0].book, draft_json (id), draft, &err), &err, "draft", 0);
  drain (0);
  for (int i = 1; i < n_reps; i++)
    pull (&reps[i], false);
}

static int
print_row (void *label, int n, char **vals, char **cols)
{
  printf ("%s:", (const char *) label);
  for (int i = 0; i < n; i++)
    printf (" %s=%s", cols[i], vals[i] ? vals[i] : "NULL");
  printf ("\n");
  return 0;
}

/* DOKUS_SYNC_VERBOSE: what differs, for a failing seed */
static void
dump (int i)
{
  static const char *const sqls[] = {
    "SELECT id, name, email, updated_at FROM clients ORDER BY id",
    "SELECT id, state, number, client_id, updated_at FROM documents ORDER BY id",
    "SELECT document_id, position, description, quantity, unit_price FROM document_lines"
    " ORDER BY 1, 2",
    "SELECT id, document_id, amount FROM payments ORDER BY id",
    "SELECT * FROM series",
    "SELECT name FROM profile",
    "SELECT row_id, field, hlc, device_id FROM sync_field WHERE field = 'name'",
    "SELECT device_id, dev_seq, idx, substr (op, 1, 200) FROM sync_pending",
    "SELECT device_id, device_seq, action, entity FROM audit_log ORDER BY 1, 2",
  };
  char label[16];
  snprintf (label, sizeof label, "r%d", i);
  for (size_t q = 0; q < sizeof sqls / sizeof sqls[0]; q++)
    sqlite3_exec (dokus_book_get_db (reps[i].book), sqls[q], print_row, label, NULL);
}

static void
check_converged (void)
{
  unsigned char first[DOKUS_SYNC_DIGEST_BYTES], d[DOKUS_SYNC_DIGEST_BYTES];
  DokusError err = { 0 };

  for (int i = 0; i < n_reps; i++)
    {
      DokusAuditReport report;
      int64_t pending = -1;
      long long n, distinct, max;

      expect_ok (dokus_sync_pending_count (reps[i].book, &pending, &err), &err, "pending", i);
      CHECK (pending == 0, "replica %d still has %" PRId64 " waiting", i, pending);
      expect_ok (dokus_sync_digest (reps[i].book, i == 0 ? first : d, &err), &err, "digest", i);
      if (i > 0 && memcmp (first, d, sizeof d) != 0 && getenv ("DOKUS_SYNC_VERBOSE") != NULL)
        {
          dump (0);
          dump (i);
        }
      CHECK (i == 0 || memcmp (first, d, sizeof d) == 0,
             "replica %d differs from replica 0 after healing", i);
      /* each device's envelopes applied exactly up to its head */
      for (int j = 0; j < n_reps; j++)
        {
          int64_t applied = -1;
          expect_ok (dokus_sync_applied_get (reps[i].book, reps[j].device, &applied, &err),
                     &err, "applied", i);
          CHECK (applied == relay_max_dev_seq (&relay, reps[j].device),
                 "replica %d applied %" PRId64 " of device %d's %" PRId64, i, applied, j,
                 relay_max_dev_seq (&relay, reps[j].device));
        }
      /* numbers unique and continuous in the series */
      n = query_int (&reps[i], "SELECT count(*) FROM documents WHERE series_id = '" SERIES "'");
      distinct = query_int (&reps[i], "SELECT count(DISTINCT number) FROM documents"
                                      " WHERE series_id = '" SERIES "'");
      max = query_int (&reps[i], "SELECT coalesce (max (series_number), 0) FROM documents"
                                 " WHERE series_id = '" SERIES "'");
      CHECK (n == distinct && n == max
                 && n == query_int (&reps[i], "SELECT coalesce (max (last_number), 0)"
                                              " FROM series WHERE id = '" SERIES "'"),
             "replica %d: %lld issued, %lld numbers, highest %lld", i, n, distinct, max);
      CHECK (dokus_audit_verify (reps[i].book, &report, &err) == DOKUS_OK,
             "replica %d: audit chain: %s", i, err.message);
    }
}

static void
run_case (unsigned long long s)
{
  seed = s;
  rng_state = s * UINT64_C (0x9E3779B97F4A7C15) + 1;
  now_ms = BASE_MS;
  dir = dokus_test_tmpdir_new ();
  n_reps = 2 + (int) pick (7);
  setup_replicas ();
  share_start ();

  int steps = 15 + (int) pick (30);
  for (int step = 0; step < steps; step++)
    {
      int i = (int) pick ((unsigned) n_reps);
      Replica *r = &reps[i];
      now_ms += 1 + pick (3000);
      switch (pick (12))
        {
        case 0:
        case 1:
        case 2:
        case 3:
        case 10:
        case 11:
          random_change (i);
          break;
        case 4:
          if (r->online)
            push (r, true);
          break;
        case 5:
          if (r->online)
            pull (r, true);
          break;
        case 6:
          if (chance (40))
            r->online = !r->online; /* partition or heal */
          else if (chance (50))
            r->skew_ms = (int64_t) pick (2 * SKEW_MS + 1) - SKEW_MS;
          break;
        case 7:
          if (chance (30))
            crash (r);
          else if (chance (40))
            move_lease (i);
          break;
        default:
          if (r->online)
            {
              push (r, true);
              pull (r, true);
            }
          break;
        }
    }

  /* heal: everyone online, reliable delivery, three rounds */
  for (int round = 0; round < 3; round++)
    {
      for (int i = 0; i < n_reps; i++)
        {
          reps[i].online = true;
          push (&reps[i], false);
        }
      for (int i = 0; i < n_reps; i++)
        pull (&reps[i], false);
    }
  check_converged ();
  if (getenv ("DOKUS_SYNC_VERBOSE") != NULL)
    printf ("seed %llu: %d replicas, %d steps, %zu envelopes, %lld issued, %lld drafts,"
            " %lld payments, %lld clients\n",
            s, n_reps, steps, relay.n,
            query_int (&reps[0], "SELECT count(*) FROM documents WHERE state = 'issued'"),
            query_int (&reps[0], "SELECT count(*) FROM documents WHERE state = 'draft'"),
            query_int (&reps[0], "SELECT count(*) FROM payments"),
            query_int (&reps[0], "SELECT count(*) FROM clients"));

  for (int i = 0; i < n_reps; i++)
    {
      dokus_book_close (reps[i].book);
      free (reps[i].path);
    }
  relay_clear (&relay);
  dokus_test_tmpdir_free (dir);
}

START_TEST (test_sync_converges_under_faults)
{
  const char *one = getenv ("DOKUS_SYNC_SEED");
  const char *many = getenv ("DOKUS_SYNC_SEEDS");
  const char *from = getenv ("DOKUS_SYNC_FIRST");
  unsigned long long first = from ? strtoull (from, NULL, 10) : 1;
  unsigned long long n = many ? strtoull (many, NULL, 10) : 1000;

  if (one != NULL)
    {
      first = strtoull (one, NULL, 10);
      n = 1;
    }
  for (unsigned long long s = first; s < first + n; s++)
    run_case (s);
}
END_TEST

/* Two replicas edit different fields of one client offline: both edits
 * survive (field level), and a draft deleted on one and edited on the
 * other stays deleted (a tombstone beats edits). */
START_TEST (test_sync_merges_fields_and_tombstones)
{
  DokusError err = { 0 };
  char client[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT];
  char *name, *email;

  seed = 0;
  rng_state = 7;
  now_ms = BASE_MS;
  dir = dokus_test_tmpdir_new ();
  n_reps = 2;
  setup_replicas ();
  expect_ok (dokus_client_add (reps[0].book,
                               js ("{'name': 'Atelier Noord', 'email': 'a@noord.be',"
                                   " 'address': {'city': 'Gent', 'country': 'BE'}}"),
                               client, &err),
             &err, "client", 0);
  expect_ok (dokus_invoice_create (reps[0].book, draft_json (client), draft, &err), &err,
             "draft", 0);
  push (&reps[0], false);
  pull (&reps[1], false);
  now_ms += 1000;
  expect_ok (dokus_client_update (reps[0].book, client,
                                  js ("{'name': 'Atelier Zuid', 'email': 'a@noord.be',"
                                      " 'address': {'city': 'Gent', 'country': 'BE'}}"),
                                  &err),
             &err, "rename", 0);
  expect_ok (dokus_client_update (reps[1].book, client,
                                  js ("{'name': 'Atelier Noord', 'email': 'b@noord.be',"
                                      " 'address': {'city': 'Gent', 'country': 'BE'}}"),
                                  &err),
             &err, "new email", 1);
  expect_ok (dokus_document_delete_draft (reps[0].book, draft, &err), &err, "delete", 0);
  now_ms += 1000; /* the edit is later than the delete, and still loses */
  expect_ok (dokus_invoice_update (reps[1].book, draft, draft_json (client), &err), &err,
             "edit", 1);
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 2; i++)
      {
        push (&reps[i], false);
        pull (&reps[i], false);
      }
  for (int i = 0; i < 2; i++)
    {
      name = query_text (&reps[i], js ("SELECT name FROM clients WHERE id = '%s'", client));
      email = query_text (&reps[i], js ("SELECT email FROM clients WHERE id = '%s'", client));
      ck_assert_str_eq (name, "Atelier Zuid");
      ck_assert_str_eq (email, "b@noord.be");
      ck_assert_int_eq (query_int (&reps[i], js ("SELECT count(*) FROM documents WHERE id = '%s'",
                                                 draft)),
                        0);
      free (name);
      free (email);
    }
  check_converged ();
  for (int i = 0; i < n_reps; i++)
    {
      dokus_book_close (reps[i].book);
      free (reps[i].path);
    }
  relay_clear (&relay);
  dokus_test_tmpdir_free (dir);
}
END_TEST

/* A sealed envelope moved to another device's name, or altered, is
 * refused; the same one applies once however often it arrives. */
START_TEST (test_sync_refuses_tampered_envelopes)
{
  DokusError err = { 0 };
  DokusSyncEnvelope *envs = NULL, bad;
  DokusSyncApplyStats stats;
  size_t n = 0;
  char id[DOKUS_ID_TEXT];

  seed = 0;
  now_ms = BASE_MS;
  dir = dokus_test_tmpdir_new ();
  n_reps = 3;
  setup_replicas ();
  expect_ok (dokus_client_add (reps[0].book, client_json (), id, &err), &err, "client", 0);
  ck_assert (dokus_sync_outbox_list (reps[0].book, 0, &envs, &n, &err) == DOKUS_OK);
  ck_assert_uint_eq (n, 3); /* enable, profile, client */
  /* altered ciphertext */
  bad = envelope_copy (&envs[0]);
  bad.ct[bad.ct_len / 2] ^= 1;
  ck_assert (dokus_sync_apply (reps[1].book, &bad, 1, -1, &stats, &err) == DOKUS_OK);
  ck_assert_uint_eq (stats.refused, 1);
  free (bad.ct);
  /* posing as another member */
  bad = envelope_copy (&envs[0]);
  memcpy (bad.device_id, reps[2].device, sizeof bad.device_id);
  ck_assert (dokus_sync_apply (reps[1].book, &bad, 1, -1, &stats, &err) == DOKUS_OK);
  ck_assert_uint_eq (stats.refused, 1);
  free (bad.ct);
  /* in reverse order, twice each: waits, then applies exactly once */
  {
    DokusSyncEnvelope twice[6] = { envs[2], envs[1], envs[0], envs[2], envs[0], envs[1] };
    ck_assert (dokus_sync_apply (reps[1].book, twice, 6, -1, &stats, &err) == DOKUS_OK);
    ck_assert_uint_eq (stats.refused, 0);
    ck_assert_uint_eq (stats.applied, 3);
  }
  ck_assert_int_eq (query_int (&reps[1], js ("SELECT count(*) FROM clients WHERE id = '%s'", id)),
                    1);
  dokus_sync_envelopes_free (envs, n);
  for (int i = 0; i < n_reps; i++)
    {
      dokus_book_close (reps[i].book);
      free (reps[i].path);
    }
  relay_clear (&relay);
  dokus_test_tmpdir_free (dir);
}
END_TEST

static Suite *
convergence_suite (void)
{
  Suite *s = suite_create ("sync-convergence");
  TCase *merge = tcase_create ("merge");
  TCase *prop = tcase_create ("convergence");

  tcase_add_test (merge, test_sync_merges_fields_and_tombstones);
  tcase_add_test (merge, test_sync_refuses_tampered_envelopes);
  suite_add_tcase (s, merge);
  tcase_set_timeout (prop, 0);
  tcase_add_test (prop, test_sync_converges_under_faults);
  suite_add_tcase (s, prop);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (convergence_suite ());
  int failed;

  setenv ("DOKUS_TODAY", "2026-06-15", 1);
  /* thousands of small books: keep them in memory-backed storage if there is one */
  if (getenv ("TMPDIR") == NULL && access ("/dev/shm", W_OK) == 0)
    setenv ("TMPDIR", "/dev/shm", 1);
  setenv ("DOKUS_NOW", "2026-06-15T10:00:00Z", 1);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
