/* sync-fixture.c
 *
 * The fixtures of sync-fixture.h: a relay per test and the main() of a
 * relay-backed suite, a thread-per-connection TCP proxy with
 * injectable faults, two synced books at a relay, an invoice issued in
 * one call, the shell runner, pairing code reader and dokus-cli spawner of
 * the dokus-cli tests, and UUIDs as the relay's bytea keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include "sync-fixture.h"

/* ---- a relay per test, a suite of relay tests ---- */

RelayProc *
sync_relay_start (RelayPg *pg)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  ck_assert_msg (relay != NULL, "dokus-relay did not start");
  return relay;
}

void
sync_relay_stop (RelayProc *relay)
{
  if (relay == NULL)
    return;
  relay_proc_stop (relay);
  relay_proc_free (relay);
}

int
sync_suite_run (const SyncSuiteSpec *spec, const TTest *const *tests, RelayPg **pg)
{
  Suite *s = suite_create (spec->suite);
  TCase *tc = tcase_create (spec->tcase);

  setenv ("DOKUS_TODAY", spec->today, 1);
  if (spec->setup != NULL || spec->teardown != NULL)
    tcase_add_checked_fixture (tc, spec->setup, spec->teardown);
  for (size_t i = 0; tests[i] != NULL; i++)
    tcase_add_test (tc, tests[i]);
  tcase_set_timeout (tc, spec->timeout_s);
  suite_add_tcase (s, tc);
  return relay_pg_run_suite (s, pg);
}

/* ---- the proxy ---- */

struct SyncProxy {
  int listen_fd;
  int stop_pipe[2];
  char url[64];
  pthread_t thread;
  atomic_uint upstream;
  atomic_uint drop_every, cut_every, delay_ms;
  atomic_uint count, faults;
  atomic_int active;
};

typedef struct {
  SyncProxy *p;
  int fd;
} Conn;

static void
reset_close (int fd)
{
  struct linger l = { 1, 0 }; /* RST, not FIN */
  setsockopt (fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close (fd);
}

static int
connect_upstream (unsigned port)
{
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons ((uint16_t) port) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && connect (fd, (struct sockaddr *) &a, sizeof a) != 0)
    {
      close (fd);
      fd = -1;
    }
  return fd;
}

static void *
conn_thread (void *data)
{
  Conn *c = data;
  SyncProxy *p = c->p;
  unsigned n = atomic_fetch_add (&p->count, 1) + 1;
  unsigned drop = atomic_load (&p->drop_every), cut = atomic_load (&p->cut_every);
  unsigned delay = atomic_load (&p->delay_ms);
  bool cut_this = cut != 0 && n % cut == 0;
  int up = -1;
  char buf[16384];

  if (drop != 0 && n % drop == 0)
    {
      atomic_fetch_add (&p->faults, 1);
      reset_close (c->fd);
      goto out;
    }
  if (delay > 0)
    usleep (delay * 1000u);
  up = connect_upstream (atomic_load (&p->upstream));
  if (up < 0)
    {
      reset_close (c->fd);
      goto out;
    }
  for (;;)
    {
      struct pollfd fds[2] = { { c->fd, POLLIN, 0 }, { up, POLLIN, 0 } };
      ssize_t got;
      if (poll (fds, 2, 60000) <= 0)
        break;
      if (fds[0].revents)
        {
          got = read (c->fd, buf, sizeof buf);
          if (got <= 0 || write (up, buf, (size_t) got) != got)
            break;
        }
      if (fds[1].revents)
        {
          got = read (up, buf, sizeof buf);
          if (got > 0 && cut_this)
            {
              /* the relay answered: that answer is lost on the way */
              atomic_fetch_add (&p->faults, 1);
              break;
            }
          if (got <= 0 || write (c->fd, buf, (size_t) got) != got)
            break;
        }
    }
  if (cut_this)
    reset_close (c->fd);
  else
    close (c->fd);
  close (up);
out:
  atomic_fetch_sub (&p->active, 1);
  free (c);
  return NULL;
}

static void *
accept_thread (void *data)
{
  SyncProxy *p = data;

  for (;;)
    {
      struct pollfd fds[2] = { { p->listen_fd, POLLIN, 0 }, { p->stop_pipe[0], POLLIN, 0 } };
      Conn *c;
      pthread_t t;
      int fd;
      if (poll (fds, 2, -1) < 0 && errno != EINTR)
        break;
      if (fds[1].revents)
        break;
      if (!fds[0].revents || (fd = accept (p->listen_fd, NULL, NULL)) < 0)
        continue;
      c = malloc (sizeof *c);
      c->p = p;
      c->fd = fd;
      atomic_fetch_add (&p->active, 1);
      if (pthread_create (&t, NULL, conn_thread, c) != 0)
        {
          atomic_fetch_sub (&p->active, 1);
          close (fd);
          free (c);
          continue;
        }
      pthread_detach (t);
    }
  return NULL;
}

SyncProxy *
sync_proxy_start (unsigned upstream_port)
{
  SyncProxy *p = calloc (1, sizeof *p);
  struct sockaddr_in a = { .sin_family = AF_INET };
  socklen_t len = sizeof a;
  int one = 1;

  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  p->listen_fd = socket (AF_INET, SOCK_STREAM, 0);
  setsockopt (p->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (p->listen_fd < 0 || bind (p->listen_fd, (struct sockaddr *) &a, sizeof a) != 0
      || listen (p->listen_fd, 64) != 0
      || getsockname (p->listen_fd, (struct sockaddr *) &a, &len) != 0 || pipe (p->stop_pipe) != 0)
    {
      free (p);
      return NULL;
    }
  snprintf (p->url, sizeof p->url, "http://127.0.0.1:%u", (unsigned) ntohs (a.sin_port));
  atomic_store (&p->upstream, upstream_port);
  if (pthread_create (&p->thread, NULL, accept_thread, p) != 0)
    {
      free (p);
      return NULL;
    }
  return p;
}

const char *
sync_proxy_url (const SyncProxy *p)
{
  return p->url;
}

void
sync_proxy_set_upstream (SyncProxy *p, unsigned upstream_port)
{
  atomic_store (&p->upstream, upstream_port);
}

void
sync_proxy_set_faults (SyncProxy *p, unsigned drop_every, unsigned cut_every, unsigned delay_ms)
{
  atomic_store (&p->drop_every, drop_every);
  atomic_store (&p->cut_every, cut_every);
  atomic_store (&p->delay_ms, delay_ms);
}

unsigned
sync_proxy_faults_done (const SyncProxy *p)
{
  return atomic_load (&((SyncProxy *) p)->faults);
}

void
sync_proxy_stop (SyncProxy *p)
{
  if (p == NULL)
    return;
  if (write (p->stop_pipe[1], "x", 1) != 1)
    perror ("proxy stop");
  pthread_join (p->thread, NULL);
  close (p->listen_fd);
  for (int i = 0; i < 1000 && atomic_load (&p->active) > 0; i++)
    usleep (10000);
  close (p->stop_pipe[0]);
  close (p->stop_pipe[1]);
  free (p);
}

/* ---- the group ---- */

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

void
sync_group_init (SyncGroup *g, const char *url)
{
  DokusError err = { 0 };
  unsigned char pk_a[32], pk_b[32], key[32];
  uint32_t epoch = 0;

  memset (g, 0, sizeof *g);
  g->dir = dokus_test_tmpdir_new ();
  g->path_a = dokus_test_path (g->dir, "a.dokus");
  g->path_b = dokus_test_path (g->dir, "b.dokus");
  g->a = dokus_test_book_create (g->path_a, "pw", NULL);
  g->b = dokus_test_book_create (g->path_b, "pw", NULL);
  ok (dokus_sync_client_new (url, NULL, &g->ca, &err), &err, "client a");
  ok (dokus_sync_client_new (url, NULL, &g->cb, &err), &err, "client b");
  ok (dokus_sync_enable (g->a, NULL, NULL, 0, &err), &err, "enable");
  ok (dokus_sync_client_register (g->ca, g->a, &err), &err, "register");
  ok (dokus_sync_get_identity (g->a, g->book_id, g->dev_a, pk_a, &err), &err, "identity a");
  ok (dokus_sync_export_key (g->a, &epoch, key, &err), &err, "key");
  ok (dokus_sync_enable (g->b, g->book_id, key, epoch, &err), &err, "join");
  sodium_memzero (key, sizeof key);
  ok (dokus_sync_get_identity (g->b, NULL, g->dev_b, pk_b, &err), &err, "identity b");
  ok (dokus_sync_client_add_member (g->ca, g->a, g->dev_b, pk_b, "device", &err), &err,
      "member b");
  ok (dokus_sync_member_add (g->b, g->dev_a, pk_a, "owner", &err), &err, "member a");
}

void
sync_group_clear (SyncGroup *g)
{
  dokus_sync_client_free (g->ca);
  dokus_sync_client_free (g->cb);
  dokus_book_close (g->a);
  dokus_book_close (g->b);
  free (g->path_a);
  free (g->path_b);
  dokus_test_tmpdir_free (g->dir);
  memset (g, 0, sizeof *g);
}

void
sync_group_add_clients (DokusBook *book, const char *prefix, int n)
{
  for (int i = 1; i <= n; i++)
    {
      char json[256], id[DOKUS_ID_TEXT];
      DokusError err = { 0 };
      snprintf (json, sizeof json,
                "{\"name\": \"%s %d\", \"address\": {\"city\": \"Gent\", \"country\": \"BE\"}}",
                prefix, i);
      ok (dokus_client_add (book, json, id, &err), &err, "client add");
    }
}

void
sync_group_assert_converged (SyncGroup *g)
{
  unsigned char da[DOKUS_SYNC_DIGEST_BYTES], db[DOKUS_SYNC_DIGEST_BYTES];
  DokusError err = { 0 };

  ok (dokus_sync_digest (g->a, da, &err), &err, "digest a");
  ok (dokus_sync_digest (g->b, db, &err), &err, "digest b");
  ck_assert_mem_eq (da, db, sizeof da);
}

void
sync_group_fast_retries (DokusSyncClient *c, unsigned max_attempts, unsigned max_delay_ms)
{
  DokusSyncClientOptions o = { .max_attempts = max_attempts,
                               .base_delay_ms = max_delay_ms / 4 ? max_delay_ms / 4 : 1,
                               .max_delay_ms = max_delay_ms };
  dokus_sync_client_set_options (c, &o);
}

/* ---- an owner's book ---- */

DokusBook *
sync_owner_book_create (DokusSyncClient *c, const char *path)
{
  DokusBook *a = dokus_test_book_create (path, "pw", NULL);
  DokusError err = { 0 };
  DokusIssueResult res;
  char client[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], json[512];

  ok (dokus_sync_enable (a, NULL, NULL, 0, &err), &err, "enable");
  ok (dokus_sync_client_register (c, a, &err), &err, "register");
  ok (dokus_profile_set (a, "{\"name\": \"Studio Maes\", \"enterprise_number\": \"0203.201.340\","
                            " \"address\": {\"city\": \"Gent\", \"country\": \"BE\"}}", &err),
      &err, "profile");
  ok (dokus_client_add (a, "{\"name\": \"Lumière SRL\", \"vat_number\": \"BE0417497106\","
                           " \"address\": {\"city\": \"Liège\", \"country\": \"BE\"}}",
                        client, &err),
      &err, "client");
  snprintf (json, sizeof json,
            "{\"client\": \"%s\", \"lines\": [{\"description\": \"Design\", \"quantity\": \"2\","
            " \"unit_price\": \"50.00\", \"vat_rate\": \"21\"}]}", client);
  ok (dokus_invoice_create (a, json, draft, &err), &err, "draft");
  ok (dokus_sync_client_lease_take (c, a, "invoice/2026", &err), &err, "lease");
  ok (dokus_document_issue (a, draft, &res, &err), &err, "issue");
  ck_assert_str_eq (res.number, "2026-0001");
  ok (dokus_sync_client_run (c, a, NULL, NULL, NULL, &err), &err, "sync owner");
  return a;
}

/* ---- an invoice ---- */

DokusStatus
sync_issue_one (DokusBook *book, const char *price, DokusIssueResult *res, DokusError *err)
{
  char *client = dokus_test_query_text (dokus_book_get_db (book),
                                        "SELECT id FROM clients ORDER BY name LIMIT 1");
  char json[512], draft[DOKUS_ID_TEXT];
  DokusStatus st;

  ck_assert_msg (client != NULL, "the book has no client to invoice");
  snprintf (json, sizeof json,
            "{\"client\": \"%s\", \"lines\": [{\"description\": \"Work\", \"quantity\": \"1\","
            " \"unit_price\": \"%s\", \"vat_rate\": \"21\"}]}", client, price);
  free (client);
  st = dokus_invoice_create (book, json, draft, err);
  if (st == DOKUS_OK)
    st = dokus_document_issue (book, draft, res, err);
  return st;
}
char *
sync_issued_numbers (DokusBook *book)
{
  return dokus_test_query_text (dokus_book_get_db (book),
                                "SELECT group_concat (number || '=' || tax_inclusive_amount, ' ')"
                                " FROM (SELECT number, tax_inclusive_amount FROM documents"
                                " WHERE state = 'issued' ORDER BY series_id, series_number)");
}

/* ---- dokus-cli from a test ---- */

int
sync_shell (const char *fmt, ...)
{
  char cmd[4096];
  va_list ap;
  int rc;

  va_start (ap, fmt);
  vsnprintf (cmd, sizeof cmd, fmt, ap);
  va_end (ap);
  rc = system (cmd);
  return WIFEXITED (rc) ? WEXITSTATUS (rc) : -1;
}

char *
sync_pairing_code_from (const char *path)
{
  for (int i = 0; i < 200; i++)
    {
      size_t len = 0;
      unsigned char *text = dokus_test_read_file (path, &len);
      const char *p;
      if (text != NULL)
        text[len] = '\0'; /* the helper leaves a byte for it */
      p = text ? strstr ((const char *) text, "Pairing code: ") : NULL;
      if (p != NULL && strlen (p) >= 14 + 14)
        {
          char *code = strndup (p + 14, 14);
          free (text);
          return code;
        }
      free (text);
      usleep (100 * 1000);
    }
  return NULL;
}

pid_t
sync_cli_spawn (const char *out, const char *const *argv)
{
  const char *cli = getenv ("DOKUS_CLI");
  const char *full[32] = { cli };
  pid_t pid;
  int n = 1;

  ck_assert_msg (cli != NULL, "DOKUS_CLI is not set (run through meson test)");
  for (; argv[n - 1] != NULL; n++)
    {
      ck_assert_msg (n < 31, "more than 30 arguments for dokus-cli");
      full[n] = argv[n - 1];
    }
  full[n] = NULL;
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      int fd = open (out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || dup2 (fd, 1) < 0)
        _exit (126);
      setenv ("DOKUS_PASSPHRASE", "pw", 1);
      execv (cli, (char *const *) full);
      _exit (127);
    }
  return pid;
}

int
sync_cli_wait (pid_t pid)
{
  int status = 0;
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

cJSON *
sync_cli_json (const char *path)
{
  size_t len = 0;
  unsigned char *text = dokus_test_read_file (path, &len);
  /* the file's bytes are not NUL-terminated */
  cJSON *j = text ? cJSON_ParseWithLength ((const char *) text, len) : NULL;
  ck_assert_msg (j != NULL, "not JSON: %.*s", (int) len, text ? (const char *) text : "");
  free (text);
  return j;
}

/* ---- the relay's tables ---- */

void
sync_uuid_hex (const char *uuid, char hex[33])
{
  size_t n = 0;
  for (const char *p = uuid; *p && n < 32; p++)
    if (*p != '-')
      hex[n++] = *p;
  hex[n] = '\0';
}
