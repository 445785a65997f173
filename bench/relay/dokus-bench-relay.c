/* dokus-bench-relay.c
 *
 * What the relay costs over the database, and how fast a change reaches
 * another device. One throw-away PostgreSQL (default settings: fsync and
 * synchronous_commit on), real dokus-relay processes.
 *
 *   throughput: K devices over B books push batches of 100 envelopes
 *     (272-byte ciphertexts, signed) through the relay from T client
 *     threads with keep-alive connections; then the same rows, decoded
 *     beforehand, are inserted straight into the same table with libpq
 *     (one multi-row INSERT and one COMMIT per batch of 100, binary
 *     parameters, T connections). Both rates in changes per second and
 *     their ratio.
 *   latency: D devices, half pushing one envelope at a time, half
 *     long-polling the same books; p50/p99 from the start of the push
 *     request to the pull that carries it.
 *
 * usage: dokus-bench-relay [--books B] [--devices K] [--batches N]
 *                          [--threads T] [--latency-devices D]
 *                          [--latency-seconds S] [--relay-threads R]
 *                          [--pool P] [--rounds N] [--one-book]
 *                          [--only-throughput | --only-latency]
 * Runs the dokus-relay of the same build directory, or DOKUS_RELAY_BIN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>
#include <sodium.h>

#include "relay-harness.h"

static int opt_books = 100, opt_devices = 100, opt_batches = 20, opt_threads = 8;
static int opt_lat_devices = 200, opt_lat_seconds = 10, opt_relay_threads = 8, opt_pool = 8;
static int opt_batch = 100, opt_rounds = 5;

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* ---- a keep-alive client ---- */

typedef struct {
  CURL *curl;
  char *buf;
  size_t len, cap;
} Client;

static size_t
sink (char *data, size_t size, size_t nmemb, void *user)
{
  Client *c = user;
  size_t n = size * nmemb;
  if (c->len + n + 1 > c->cap)
    {
      c->cap = (c->cap + n) * 2;
      c->buf = realloc (c->buf, c->cap);
    }
  memcpy (c->buf + c->len, data, n);
  c->len += n;
  c->buf[c->len] = '\0';
  return n;
}

static long
client_do (Client *c, const char *method, const char *url, const char *token, const char *body)
{
  struct curl_slist *h = NULL;
  char auth[400];
  long status = 0;

  if (c->curl == NULL)
    c->curl = curl_easy_init ();
  c->len = 0;
  curl_easy_setopt (c->curl, CURLOPT_URL, url);
  curl_easy_setopt (c->curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (c->curl, CURLOPT_WRITEFUNCTION, sink);
  curl_easy_setopt (c->curl, CURLOPT_WRITEDATA, c);
  curl_easy_setopt (c->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (c->curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (c->curl, CURLOPT_TCP_NODELAY, 1L);
  snprintf (auth, sizeof auth, "Authorization: Bearer %s", token);
  h = curl_slist_append (h, auth);
  h = curl_slist_append (h, "Expect:");
  if (body)
    {
      h = curl_slist_append (h, "Content-Type: application/json");
      curl_easy_setopt (c->curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (c->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (body));
    }
  else
    curl_easy_setopt (c->curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt (c->curl, CURLOPT_HTTPHEADER, h);
  if (curl_easy_perform (c->curl) == CURLE_OK)
    curl_easy_getinfo (c->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (h);
  return status;
}

static void
client_clear (Client *c)
{
  if (c->curl)
    curl_easy_cleanup (c->curl);
  free (c->buf);
  memset (c, 0, sizeof *c);
}

/* ---- throughput ---- */

typedef struct {
  uint8_t nonce[24];
  uint8_t sig[64];
  uint8_t *ct;
  size_t ct_len;
  long long dev_seq;
} RawRow;

typedef struct {
  RelayDevice dev;
  char **bodies;       /* opt_batches push bodies */
  RawRow **rows;       /* the same envelopes decoded, for the raw inserts */
  char url[300];
} Pusher;

static Pusher *pushers;
static atomic_int next_job;
static int job_end;
static atomic_int failures;

static void *
relay_worker (void *data)
{
  Client c = { 0 };
  (void) data;
  for (;;)
    {
      int job = atomic_fetch_add (&next_job, 1);
      int dev = job % opt_devices, batch = job / opt_devices;
      if (job >= job_end)
        break;
      /* one device's batches are pushed in order: job k+devices follows k
       * in the queue, and each worker finishes a push before taking the
       * next job, but two workers may hold the same device's batches at
       * once; a 409 gap is then retried. */
      for (int tries = 0;; tries++)
        {
          long st = client_do (&c, "POST", pushers[dev].url, pushers[dev].dev.access,
                               pushers[dev].bodies[batch]);
          if (st == 200)
            break;
          if (st != 409 || tries > 1000)
            {
              atomic_fetch_add (&failures, 1);
              break;
            }
          usleep (200);
        }
    }
  client_clear (&c);
  return NULL;
}

static uint8_t (*raw_books)[16];

static void *
raw_worker (void *data)
{
  PGconn *conn = PQconnectdb ((const char *) data);
  int n_params = 8 * opt_batch;
  const char **values = calloc ((size_t) n_params, sizeof *values);
  int *lengths = calloc ((size_t) n_params, sizeof *lengths);
  int *formats = calloc ((size_t) n_params, sizeof *formats);
  char (*text)[24] = calloc ((size_t) n_params, sizeof *text);
  size_t cap = (size_t) opt_batch * 80 + 200;
  char *sql = malloc (cap);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      fprintf (stderr, "raw: %s", PQerrorMessage (conn));
      atomic_fetch_add (&failures, 1);
      return NULL;
    }
  for (;;)
    {
      int job = atomic_fetch_add (&next_job, 1);
      int dev = job % opt_devices, batch = job / opt_devices;
      size_t len;
      PGresult *r;

      if (job >= job_end)
        break;
      len = (size_t) snprintf (sql, cap, "INSERT INTO envelope (book_id, server_seq, device_id, "
                                         "dev_seq, key_epoch, nonce, ct, sig) VALUES ");
      for (int i = 0; i < opt_batch; i++)
        {
          RawRow *row = &pushers[dev].rows[batch][i];
          int b = 8 * i;
          values[b] = (const char *) raw_books[dev], lengths[b] = 16, formats[b] = 1;
          snprintf (text[b + 1], 24, "%lld", (long long) batch * opt_batch + i + 1);
          values[b + 1] = text[b + 1], formats[b + 1] = 0;
          values[b + 2] = (const char *) pushers[dev].dev.device_id, lengths[b + 2] = 16;
          formats[b + 2] = 1;
          snprintf (text[b + 3], 24, "%lld", row->dev_seq);
          values[b + 3] = text[b + 3], formats[b + 3] = 0;
          values[b + 4] = "1", formats[b + 4] = 0;
          values[b + 5] = (const char *) row->nonce, lengths[b + 5] = 24, formats[b + 5] = 1;
          values[b + 6] = (const char *) row->ct, lengths[b + 6] = (int) row->ct_len;
          formats[b + 6] = 1;
          values[b + 7] = (const char *) row->sig, lengths[b + 7] = 64, formats[b + 7] = 1;
          len += (size_t) snprintf (sql + len, cap - len,
                                    "%s($%d,$%d::bigint,$%d,$%d::bigint,$%d::integer,$%d,$%d,$%d)",
                                    i ? "," : "", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6,
                                    b + 7, b + 8);
        }
      PQclear (PQexec (conn, "BEGIN"));
      r = PQexecParams (conn, sql, 8 * opt_batch, NULL, values, lengths, formats, 1);
      if (PQresultStatus (r) != PGRES_COMMAND_OK)
        {
          fprintf (stderr, "raw insert: %s", PQresultErrorMessage (r));
          atomic_fetch_add (&failures, 1);
        }
      PQclear (r);
      PQclear (PQexec (conn, "COMMIT"));
    }
  PQfinish (conn);
  free (values);
  free (lengths);
  free (formats);
  free (text);
  free (sql);
  return NULL;
}

static void
decode_rows (cJSON *arr, RawRow *rows)
{
  cJSON *e;
  int i = 0;
  cJSON_ArrayForEach (e, arr)
  {
    const char *ct64 = cJSON_GetObjectItem (e, "ct")->valuestring;
    const char *n64 = cJSON_GetObjectItem (e, "nonce")->valuestring;
    const char *s64 = cJSON_GetObjectItem (e, "sig")->valuestring;
    size_t l = 0;
    rows[i].dev_seq = (long long) cJSON_GetObjectItem (e, "dev_seq")->valuedouble;
    rows[i].ct = malloc (strlen (ct64));
    sodium_base642bin (rows[i].ct, strlen (ct64), ct64, strlen (ct64), NULL, &rows[i].ct_len,
                       NULL, sodium_base64_VARIANT_ORIGINAL);
    sodium_base642bin (rows[i].nonce, 24, n64, strlen (n64), NULL, &l, NULL,
                       sodium_base64_VARIANT_ORIGINAL);
    sodium_base642bin (rows[i].sig, 64, s64, strlen (s64), NULL, &l, NULL,
                       sodium_base64_VARIANT_ORIGINAL);
    i++;
  }
}

static double
run_workers (void *(*fn) (void *), void *arg, int first_job, int end_job)
{
  pthread_t *t = calloc ((size_t) opt_threads, sizeof *t);
  double start = now_s ();
  atomic_store (&next_job, first_job);
  job_end = end_job;
  for (int i = 0; i < opt_threads; i++)
    pthread_create (&t[i], NULL, fn, arg);
  for (int i = 0; i < opt_threads; i++)
    pthread_join (t[i], NULL);
  free (t);
  return now_s () - start;
}

static int
bench_throughput (RelayPg *pg, RelayProc *relay)
{
  long long total = (long long) opt_devices * opt_batches * opt_batch;
  double relay_s, raw_s;
  int per_book = opt_devices / opt_books ? opt_devices / opt_books : 1;

  printf ("throughput: %d books, %d devices, %d batches of %d envelopes each, %d client "
          "threads, relay %d threads / pool %d\n",
          opt_books, opt_devices, opt_batches, opt_batch, opt_threads, opt_relay_threads,
          opt_pool);
  pushers = calloc ((size_t) opt_devices, sizeof *pushers);
  raw_books = calloc ((size_t) opt_devices, sizeof *raw_books);
  for (int d = 0; d < opt_devices; d++)
    {
      Pusher *p = &pushers[d];
      int book = d / per_book;
      if (d % per_book == 0 || book >= opt_books)
        {
          if (!relay_book_new (relay->base, &p->dev, NULL, NULL))
            return 1;
        }
      else if (!relay_member_new (&pushers[d - d % per_book].dev, &p->dev, "device"))
        return 1;
      relay_random_id (raw_books[d]);
      snprintf (p->url, sizeof p->url, "%s/v1/books/%s/push", relay->base, p->dev.book_hex);
      p->bodies = calloc ((size_t) opt_batches, sizeof *p->bodies);
      p->rows = calloc ((size_t) opt_batches, sizeof *p->rows);
      for (int b = 0; b < opt_batches; b++)
        {
          cJSON *arr = cJSON_CreateArray ();
          for (int i = 0; i < opt_batch; i++)
            {
              char pt[200];
              long long seq = (long long) b * opt_batch + i + 1;
              snprintf (pt, sizeof pt, "{\"e\":\"client\",\"id\":\"%d-%lld\",\"f\":\"name\","
                                       "\"val\":\"bench\"}", d, seq);
              cJSON_AddItemToArray (arr, relay_envelope_new (&p->dev, seq, 1, pt));
            }
          p->rows[b] = calloc ((size_t) opt_batch, sizeof (RawRow));
          decode_rows (arr, p->rows[b]);
          p->bodies[b] = relay_push_body (&p->dev, arr);
        }
    }
  printf ("  prepared %lld envelopes (%lu-byte push bodies)\n", total,
          (unsigned long) strlen (pushers[0].bodies[0]));

  /* Interleaved rounds (relay, then raw, on the next slice of batches),
   * so that both see the same machine: it is shared and noisy. */
  relay_s = raw_s = 0;
  for (int round = 0; round < opt_rounds; round++)
    {
      int first = opt_batches * round / opt_rounds * opt_devices;
      int end = opt_batches * (round + 1) / opt_rounds * opt_devices;
      double a, b;
      if (end == first)
        continue;
      a = run_workers (relay_worker, NULL, first, end);
      b = run_workers (raw_worker, pg->url, first, end);
      if (atomic_load (&failures))
        {
          fprintf (stderr, "pushes or inserts failed: %d\n", atomic_load (&failures));
          return 1;
        }
      printf ("  round %d: relay %8.0f/s, raw %8.0f/s, %3.0f %%\n", round + 1,
              (double) (end - first) * opt_batch / a, (double) (end - first) * opt_batch / b,
              100.0 * b / a);
      relay_s += a;
      raw_s += b;
    }
  {
    char sql[100];
    snprintf (sql, sizeof sql, "SELECT count(*) FROM envelope");
    long long n = relay_pg_query_int (pg, sql);
    if (n != 2 * total)
      {
        fprintf (stderr, "expected %lld rows, found %lld\n", 2 * total, n);
        return 1;
      }
  }
  printf ("  relay: %8.0f changes/s (%.2f s)\n", (double) total / relay_s, relay_s);
  printf ("  raw  : %8.0f changes/s (%.2f s)\n", (double) total / raw_s, raw_s);
  printf ("  ratio relay/raw: %.0f %%  (goal >= %d %%)\n", 100.0 * raw_s / relay_s,
          opt_books == 1 ? 30 : 50);
  return 0;
}

/* ---- latency ---- */

typedef struct {
  RelayDevice writer, reader;
  double sent_at[4096];
  int pushed;
  double stop_at;
  double *samples;
  int n_samples, cap;
  pthread_mutex_t lock;
} LatBook;

static void *
lat_writer (void *data)
{
  LatBook *b = data;
  Client c = { 0 };
  char url[300];
  unsigned seed = (unsigned) (uintptr_t) b;
  snprintf (url, sizeof url, "%s/v1/books/%s/push", b->writer.base, b->writer.book_hex);
  usleep ((useconds_t) (rand_r (&seed) % 500) * 1000);
  while (now_s () < b->stop_at && b->pushed < 4000)
    {
      cJSON *arr = cJSON_CreateArray ();
      char *body;
      int seq = b->pushed + 1;
      cJSON_AddItemToArray (arr, relay_envelope_new (&b->writer, seq, 1, "latency probe"));
      body = relay_push_body (&b->writer, arr);
      pthread_mutex_lock (&b->lock);
      b->sent_at[seq] = now_s ();
      pthread_mutex_unlock (&b->lock);
      if (client_do (&c, "POST", url, b->writer.access, body) != 200)
        atomic_fetch_add (&failures, 1);
      free (body);
      b->pushed = seq;
      usleep ((useconds_t) (400 + rand_r (&seed) % 200) * 1000); /* ~2 pushes/s per writer */
    }
  client_clear (&c);
  return NULL;
}

static void *
lat_reader (void *data)
{
  LatBook *b = data;
  Client c = { 0 };
  long long after = 0;
  char url[300];
  while (now_s () < b->stop_at + 1.0)
    {
      cJSON *j, *e;
      snprintf (url, sizeof url, "%s/v1/books/%s/pull?after=%lld&wait=2", b->reader.base,
                b->reader.book_hex, after);
      if (client_do (&c, "GET", url, b->reader.access, NULL) != 200)
        {
          atomic_fetch_add (&failures, 1);
          usleep (100000);
          continue;
        }
      {
        double t = now_s ();
        j = cJSON_Parse (c.buf);
        cJSON_ArrayForEach (e, cJSON_GetObjectItem (j, "envelopes"))
        {
          int seq = (int) cJSON_GetObjectItem (e, "dev_seq")->valuedouble;
          after = (long long) cJSON_GetObjectItem (e, "server_seq")->valuedouble;
          pthread_mutex_lock (&b->lock);
          if (seq > 0 && seq < 4096 && b->sent_at[seq] > 0 && b->n_samples < b->cap)
            b->samples[b->n_samples++] = t - b->sent_at[seq];
          pthread_mutex_unlock (&b->lock);
        }
        cJSON_Delete (j);
      }
    }
  client_clear (&c);
  return NULL;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int
bench_latency (RelayProc *relay)
{
  int n_books = opt_lat_devices / 2;
  LatBook *books = calloc ((size_t) n_books, sizeof *books);
  pthread_t *t = calloc ((size_t) opt_lat_devices, sizeof *t);
  double *all;
  int n_all = 0;
  double stop;

  printf ("latency: %d devices (%d pushing ~2/s each, %d long-polling), %d s\n",
          opt_lat_devices, n_books, n_books, opt_lat_seconds);
  for (int i = 0; i < n_books; i++)
    {
      if (!relay_book_new (relay->base, &books[i].writer, NULL, NULL)
          || !relay_member_new (&books[i].writer, &books[i].reader, "device"))
        return 1;
      books[i].cap = 4096;
      books[i].samples = calloc (4096, sizeof (double));
      pthread_mutex_init (&books[i].lock, NULL);
    }
  stop = now_s () + opt_lat_seconds;
  for (int i = 0; i < n_books; i++)
    {
      books[i].stop_at = stop;
      pthread_create (&t[2 * i], NULL, lat_reader, &books[i]);
    }
  usleep (300000); /* readers are waiting before the first push */
  for (int i = 0; i < n_books; i++)
    pthread_create (&t[2 * i + 1], NULL, lat_writer, &books[i]);
  for (int i = 0; i < 2 * n_books; i++)
    pthread_join (t[i], NULL);
  all = calloc ((size_t) n_books * 4096, sizeof *all);
  for (int i = 0; i < n_books; i++)
    for (int k = 0; k < books[i].n_samples; k++)
      all[n_all++] = books[i].samples[k];
  if (n_all == 0)
    {
      fprintf (stderr, "no latency samples\n");
      return 1;
    }
  qsort (all, (size_t) n_all, sizeof *all, cmp_double);
  printf ("  %d samples, %d errors: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms "
          "(goal p99 < 150 ms)\n",
          n_all, atomic_load (&failures), 1000 * all[n_all / 2], 1000 * all[n_all * 9 / 10],
          1000 * all[n_all * 99 / 100], 1000 * all[n_all - 1]);
  return atomic_load (&failures) ? 1 : 0;
}

int
main (int argc, char **argv)
{
  RelayPg *pg;
  RelayProc *relay;
  char threads[16], pool[16];
  const char *args[] = { "--threads", threads, "--pool-size", pool, "--rate-device", "0",
                         "--rate-address", "0", NULL };
  int rc = 0;
  bool only_latency = false, only_throughput = false;

  for (int i = 1; i < argc; i++)
    {
#define INT_OPT(name, var)                                                                 \
  if (strcmp (argv[i], name) == 0 && i + 1 < argc)                                         \
    {                                                                                      \
      var = atoi (argv[++i]);                                                              \
      continue;                                                                            \
    }
      INT_OPT ("--books", opt_books);
      INT_OPT ("--devices", opt_devices);
      INT_OPT ("--batches", opt_batches);
      INT_OPT ("--batch", opt_batch);
      INT_OPT ("--threads", opt_threads);
      INT_OPT ("--latency-devices", opt_lat_devices);
      INT_OPT ("--latency-seconds", opt_lat_seconds);
      INT_OPT ("--relay-threads", opt_relay_threads);
      INT_OPT ("--pool", opt_pool);
      INT_OPT ("--rounds", opt_rounds);
      if (strcmp (argv[i], "--one-book") == 0)
        {
          opt_books = 1;
          continue;
        }
      if (strcmp (argv[i], "--only-latency") == 0)
        {
          only_latency = true;
          continue;
        }
      if (strcmp (argv[i], "--only-throughput") == 0)
        {
          only_throughput = true;
          continue;
        }
      fprintf (stderr, "usage: see the comment at the top of bench/relay/dokus-bench-relay.c\n");
      return 2;
    }
  if (opt_batch < 1 || opt_batch > 256 || opt_devices < opt_books || opt_threads < 1
      || opt_rounds < 1)
    {
      fprintf (stderr, "--batch is 1..256, --devices >= --books, --threads >= 1\n");
      return 2;
    }
  if (sodium_init () < 0 || curl_global_init (CURL_GLOBAL_DEFAULT) != 0)
    return 1;
  if (getenv ("DOKUS_RELAY_BIN") == NULL)
    {
      /* BUILD/bench/relay/dokus-bench-relay -> BUILD/sync/relay/dokus-relay */
      char self[4096], bin[4200];
      ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
      if (n > 0)
        {
          self[n] = '\0';
          *strrchr (self, '/') = '\0';
          snprintf (bin, sizeof bin, "%s/../../sync/relay/dokus-relay", self);
          setenv ("DOKUS_RELAY_BIN", bin, 1);
        }
    }
  if (relay_pg_bindir () == NULL)
    {
      fprintf (stderr, "PostgreSQL server binaries not found\n");
      return 77;
    }
  snprintf (threads, sizeof threads, "%d", opt_relay_threads);
  snprintf (pool, sizeof pool, "%d", opt_pool);
  pg = relay_pg_start (NULL);
  if (pg == NULL)
    return 1;
  relay = relay_proc_start (pg, NULL, args);
  if (relay == NULL)
    {
      relay_pg_free (pg);
      return 1;
    }
  if (!only_latency)
    rc = bench_throughput (pg, relay);
  if (rc == 0 && !only_throughput)
    rc = bench_latency (relay);
  relay_proc_stop (relay);
  relay_proc_free (relay);
  relay_pg_free (pg);
  return rc;
}
