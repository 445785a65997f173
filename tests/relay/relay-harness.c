/* relay-harness.c
 *
 * See relay-harness.h. PostgreSQL runs as the user "postgres" through
 * runuser when the tests run as root (initdb refuses root), directly
 * otherwise. Relay processes get PR_SET_PDEATHSIG, so a crashed test
 * leaves none behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "relay-harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>
#include <sodium.h>

#include "dokus-relay-envelope.h"

/* ---- processes ---- */

static int
run_argv (const char *const *argv, const char *out_path)
{
  pid_t pid = fork ();
  int status;
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      int fd = open (out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0)
        {
          dup2 (fd, 1);
          dup2 (fd, 2);
          close (fd);
        }
      execvp (argv[0], (char *const *) argv);
      _exit (127);
    }
  if (waitpid (pid, &status, 0) < 0)
    return -1;
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Runs a PostgreSQL program @prog with @args, as postgres when root. */
static int
run_pg (RelayPg *pg, const char *prog, const char *const *args)
{
  const char *argv[24];
  char path[400], log[600];
  int n = 0;
  snprintf (path, sizeof path, "%s/%s", pg->bindir, prog);
  snprintf (log, sizeof log, "%s/commands.log", pg->dir);
  if (pg->as_root)
    {
      argv[n++] = "runuser";
      argv[n++] = "-u";
      argv[n++] = "postgres";
      argv[n++] = "--";
    }
  argv[n++] = path;
  for (int i = 0; args[i] && n < 23; i++)
    argv[n++] = args[i];
  argv[n] = NULL;
  return run_argv (argv, log);
}

const char *
relay_pg_bindir (void)
{
  static char dir[256];
  const char *env = getenv ("DOKUS_PG_BINDIR");
  glob_t g;

  if (env && *env)
    {
      snprintf (dir, sizeof dir, "%s", env);
      return dir;
    }
  if (glob ("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) == 0 && g.gl_pathc > 0)
    {
      snprintf (dir, sizeof dir, "%s", g.gl_pathv[g.gl_pathc - 1]);
      *strrchr (dir, '/') = '\0';
      globfree (&g);
      return dir;
    }
  return NULL;
}

static unsigned
free_port (void)
{
  struct sockaddr_in a = { .sin_family = AF_INET };
  socklen_t len = sizeof a;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  unsigned port = 0;
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && bind (fd, (struct sockaddr *) &a, sizeof a) == 0
      && getsockname (fd, (struct sockaddr *) &a, &len) == 0)
    port = ntohs (a.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

static void
print_file (const char *path)
{
  FILE *f = fopen (path, "r");
  char line[512];
  if (f == NULL)
    return;
  while (fgets (line, sizeof line, f))
    fprintf (stderr, "  | %s", line);
  fclose (f);
}

bool
relay_pg_start_server (RelayPg *pg)
{
  char data[600], log[600], opts[700];
  snprintf (data, sizeof data, "%s/data", pg->dir);
  snprintf (log, sizeof log, "%s/postgres.log", pg->dir);
  snprintf (opts, sizeof opts, "-k %s -p %u -c listen_addresses=127.0.0.1 %s", pg->dir,
            pg->port, getenv ("RELAY_PG_CONF") ? getenv ("RELAY_PG_CONF") : "");
  {
    const char *args[] = { "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start", NULL };
    if (run_pg (pg, "pg_ctl", args) != 0)
      {
        fprintf (stderr, "relay-harness: pg_ctl start failed:\n");
        print_file (log);
        return false;
      }
  }
  return true;
}

bool
relay_pg_stop_server (RelayPg *pg)
{
  char data[600];
  const char *args[] = { "-D", data, "-m", "fast", "-w", "stop", NULL };
  snprintf (data, sizeof data, "%s/data", pg->dir);
  return run_pg (pg, "pg_ctl", args) == 0;
}

RelayPg *
relay_pg_start (const char *extra_conf)
{
  RelayPg *pg = calloc (1, sizeof *pg);
  const char *bindir = relay_pg_bindir ();
  char tmpl[] = "/tmp/dokus-relay-test.XXXXXX";
  char data[600], conf[700];
  struct passwd *pw;
  PGconn *c;
  PGresult *r;
  FILE *f;

  if (pg == NULL || bindir == NULL || mkdtemp (tmpl) == NULL)
    {
      free (pg);
      return NULL;
    }
  snprintf (pg->dir, sizeof pg->dir, "%s", tmpl);
  snprintf (pg->bindir, sizeof pg->bindir, "%s", bindir);
  pg->as_root = geteuid () == 0;
  if (pg->as_root)
    {
      pw = getpwnam ("postgres");
      if (pw == NULL || chown (pg->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          fprintf (stderr, "relay-harness: running as root needs the user postgres\n");
          free (pg);
          return NULL;
        }
    }
  chmod (pg->dir, 0755);
  snprintf (data, sizeof data, "%s/data", pg->dir);
  {
    const char *args[] = { "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                           "--no-locale", "--no-sync", NULL };
    if (run_pg (pg, "initdb", args) != 0)
      {
        fprintf (stderr, "relay-harness: initdb failed (see %s/commands.log)\n", pg->dir);
        print_file ("/dev/null");
        free (pg);
        return NULL;
      }
  }
  /* Settings for a small shared machine; extra_conf may override. */
  snprintf (conf, sizeof conf, "%s/postgresql.auto.conf", data);
  f = fopen (conf, "a");
  if (f)
    {
      fprintf (f, "max_connections = 300\nshared_buffers = 128MB\n%s\n",
               extra_conf ? extra_conf : "");
      fclose (f);
    }
  pg->port = free_port ();
  if (!relay_pg_start_server (pg))
    {
      free (pg);
      return NULL;
    }
  snprintf (pg->url, sizeof pg->url, "host=%s port=%u user=postgres dbname=postgres", pg->dir,
            pg->port);
  c = PQconnectdb (pg->url);
  r = PQexec (c, "CREATE DATABASE dokus_relay");
  if (PQresultStatus (r) != PGRES_COMMAND_OK)
    {
      fprintf (stderr, "relay-harness: CREATE DATABASE: %s", PQerrorMessage (c));
      PQclear (r);
      PQfinish (c);
      relay_pg_free (pg);
      return NULL;
    }
  PQclear (r);
  PQfinish (c);
  snprintf (pg->url, sizeof pg->url, "host=%s port=%u user=postgres dbname=dokus_relay",
            pg->dir, pg->port);
  {
    /* One token key for all relays of this cluster (they share tokens). */
    char key_path[600];
    uint8_t key[32];
    snprintf (key_path, sizeof key_path, "%s/relay.key", pg->dir);
    randombytes_buf (key, sizeof key);
    f = fopen (key_path, "wb");
    if (f)
      {
        fwrite (key, 1, sizeof key, f);
        fclose (f);
      }
    sodium_memzero (key, sizeof key);
  }
  return pg;
}

void
relay_pg_free (RelayPg *pg)
{
  if (pg == NULL)
    return;
  relay_pg_stop_server (pg);
  if (getenv ("RELAY_KEEP_TMP") == NULL)
    {
      const char *argv[] = { "rm", "-rf", pg->dir, NULL };
      run_argv (argv, NULL);
    }
  free (pg);
}

int
relay_pg_run_suite (Suite *s, RelayPg **pg)
{
  return relay_pg_run_suite_with_conf (s, pg, "fsync = off");
}

int
relay_pg_run_suite_with_conf (Suite *s, RelayPg **pg, const char *extra_conf)
{
  /* a skipped or failed start leaves @s to the process's end */
  SRunner *sr;
  int failed;

  if (sodium_init () < 0)
    return 1;
  if (relay_pg_bindir () == NULL)
    {
      printf ("SKIP: PostgreSQL server binaries not found (install postgresql)\n");
      return 77;
    }
  *pg = relay_pg_start (extra_conf);
  if (*pg == NULL)
    {
      fprintf (stderr, "cannot start PostgreSQL\n");
      return 1;
    }
  sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  relay_pg_free (*pg);
  *pg = NULL;
  return failed ? 1 : 0;
}

char *
relay_pg_dump (RelayPg *pg, size_t *len)
{
  char out[600], port[16], prog[400];
  const char *argv[16];
  int n = 0;
  FILE *f;
  char *buf = NULL;
  long size;

  snprintf (out, sizeof out, "%s/dump.sql", pg->dir);
  snprintf (port, sizeof port, "%u", pg->port);
  snprintf (prog, sizeof prog, "%s/pg_dump", pg->bindir);
  unlink (out);
  argv[n++] = prog;
  argv[n++] = "-h";
  argv[n++] = pg->dir;
  argv[n++] = "-p";
  argv[n++] = port;
  argv[n++] = "-U";
  argv[n++] = "postgres";
  argv[n++] = "-f";
  argv[n++] = out;
  argv[n++] = "dokus_relay";
  argv[n] = NULL;
  if (run_argv (argv, NULL) != 0)
    return NULL;
  f = fopen (out, "rb");
  if (f == NULL)
    return NULL;
  fseek (f, 0, SEEK_END);
  size = ftell (f);
  fseek (f, 0, SEEK_SET);
  buf = calloc (1, (size_t) size + 1);
  if (buf && fread (buf, 1, (size_t) size, f) != (size_t) size)
    {
      free (buf);
      buf = NULL;
    }
  fclose (f);
  *len = (size_t) size;
  return buf;
}

bool
relay_pg_exec (RelayPg *pg, const char *sql)
{
  PGconn *c = PQconnectdb (pg->url);
  PGresult *r = PQexec (c, sql);
  bool ok = PQresultStatus (r) == PGRES_COMMAND_OK || PQresultStatus (r) == PGRES_TUPLES_OK;
  if (!ok)
    fprintf (stderr, "relay-harness: %s: %s", sql, PQerrorMessage (c));
  PQclear (r);
  PQfinish (c);
  return ok;
}

long long
relay_pg_query_int (RelayPg *pg, const char *sql)
{
  PGconn *c = PQconnectdb (pg->url);
  PGresult *r = PQexec (c, sql);
  long long v = -1;
  if (PQresultStatus (r) == PGRES_TUPLES_OK && PQntuples (r) > 0)
    v = atoll (PQgetvalue (r, 0, 0));
  else
    fprintf (stderr, "relay-harness: %s: %s", sql, PQerrorMessage (c));
  PQclear (r);
  PQfinish (c);
  return v;
}

/* ---- relay processes ---- */

RelayProc *
relay_proc_spawn (RelayPg *pg, const char *fault, const char *const *args)
{
  static _Atomic int counter;
  RelayProc *p = calloc (1, sizeof *p);
  const char *bin = getenv ("DOKUS_RELAY_BIN");
  char port_file[600], key_file[600];
  const char *argv[40];
  int n = 0, id = ++counter;
  const char *url = pg->url;
  bool has_key = false;

  if (p == NULL || bin == NULL)
    {
      fprintf (stderr, "relay-harness: DOKUS_RELAY_BIN is not set\n");
      free (p);
      return NULL;
    }
  snprintf (port_file, sizeof port_file, "%s/relay-%d-%d.port", pg->dir, (int) getpid (), id);
  snprintf (key_file, sizeof key_file, "%s/relay.key", pg->dir);
  snprintf (p->log, sizeof p->log, "%s/relay-%d-%d.log", pg->dir, (int) getpid (), id);
  unlink (port_file);
  argv[n++] = bin;
  argv[n++] = "--listen";
  argv[n++] = "127.0.0.1:0";
  for (int i = 0; args && args[i] && args[i + 1]; i++)
    if (strcmp (args[i], "--database-url") == 0)
      url = args[i + 1];
  argv[n++] = "--database-url";
  argv[n++] = url;
  argv[n++] = "--port-file";
  argv[n++] = port_file;
  argv[n++] = "--threads";
  argv[n++] = "2";
  argv[n++] = "--pool-size";
  argv[n++] = "4";
  for (int i = 0; args && args[i] && n < 36; i++)
    {
      if (strcmp (args[i], "--key-file") == 0)
        has_key = true;
      if (strcmp (args[i], "--database-url") == 0 && args[i + 1])
        {
          i++; /* given above */
          continue;
        }
      argv[n++] = args[i];
    }
  if (!has_key)
    {
      argv[n++] = "--key-file";
      argv[n++] = key_file;
    }
  argv[n] = NULL;

  p->pid = fork ();
  if (p->pid == 0)
    {
      int fd = open (p->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
      /* PDEATHSIG follows the forking thread: spawn from the main thread */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (fd >= 0)
        {
          dup2 (fd, 2);
          dup2 (fd, 1);
          close (fd);
        }
      if (fault)
        setenv ("DOKUS_RELAY_TEST_FAULT", fault, 1);
      else
        unsetenv ("DOKUS_RELAY_TEST_FAULT");
      execv (bin, (char *const *) argv);
      _exit (127);
    }
  snprintf (p->port_file, sizeof p->port_file, "%s", port_file);
  return p;
}

RelayProc *
relay_proc_wait_ready (RelayProc *p)
{
  if (p == NULL)
    return NULL;
  for (int i = 0; i < 1000; i++)
    {
      FILE *f = fopen (p->port_file, "r");
      int status;
      if (f)
        {
          if (fscanf (f, "%u", &p->port) == 1 && p->port > 0)
            {
              fclose (f);
              snprintf (p->base, sizeof p->base, "http://127.0.0.1:%u", p->port);
              return p;
            }
          fclose (f);
        }
      if (waitpid (p->pid, &status, WNOHANG) == p->pid)
        break;
      usleep (10000);
    }
  fprintf (stderr, "relay-harness: dokus-relay did not start; its log:\n");
  print_file (p->log);
  kill (p->pid, SIGKILL);
  waitpid (p->pid, NULL, 0);
  free (p);
  return NULL;
}

RelayProc *
relay_proc_start (RelayPg *pg, const char *fault, const char *const *args)
{
  return relay_proc_wait_ready (relay_proc_spawn (pg, fault, args));
}

int
relay_proc_stop (RelayProc *p)
{
  int status = 0;
  if (p == NULL || p->pid <= 0)
    return -1;
  kill (p->pid, SIGTERM);
  for (int i = 0; i < 1000; i++)
    {
      if (waitpid (p->pid, &status, WNOHANG) == p->pid)
        {
          p->pid = 0;
          return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
        }
      usleep (10000);
    }
  kill (p->pid, SIGKILL);
  waitpid (p->pid, NULL, 0);
  p->pid = 0;
  return -1;
}

void
relay_proc_kill (RelayProc *p)
{
  if (p == NULL || p->pid <= 0)
    return;
  kill (p->pid, SIGKILL);
  waitpid (p->pid, NULL, 0);
  p->pid = 0;
}

bool
relay_proc_wait_exit (RelayProc *p, unsigned timeout_ms)
{
  for (unsigned i = 0; i <= timeout_ms / 10; i++)
    {
      if (p->pid <= 0 || waitpid (p->pid, NULL, WNOHANG) == p->pid)
        {
          p->pid = 0;
          return true;
        }
      usleep (10000);
    }
  return false;
}

void
relay_proc_free (RelayProc *p)
{
  if (p == NULL)
    return;
  if (p->pid > 0)
    relay_proc_stop (p);
  free (p);
}

/* ---- HTTP ---- */

typedef struct {
  char *buf;
  size_t len, cap;
} Buf;

static size_t
write_cb (char *data, size_t size, size_t nmemb, void *user)
{
  Buf *b = user;
  size_t n = size * nmemb;
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = (b->cap ? b->cap * 2 : 4096) + n;
      char *nb = realloc (b->buf, cap);
      if (nb == NULL)
        return 0;
      b->buf = nb;
      b->cap = cap;
    }
  memcpy (b->buf + b->len, data, n);
  b->len += n;
  b->buf[b->len] = '\0';
  return n;
}

static void
copy_header (const char *line, size_t len, const char *name, char *out, size_t out_size)
{
  size_t nl = strlen (name);
  if (len > nl + 1 && strncasecmp (line, name, nl) == 0 && line[nl] == ':')
    {
      const char *v = line + nl + 1;
      size_t vl = len - nl - 1;
      while (vl && (*v == ' '))
        v++, vl--;
      while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
        vl--;
      if (vl >= out_size)
        vl = out_size - 1;
      memcpy (out, v, vl);
      out[vl] = '\0';
    }
}

static size_t
header_cb (char *line, size_t size, size_t nmemb, void *user)
{
  RelayResp *r = user;
  size_t n = size * nmemb;
  copy_header (line, n, "Retry-After", r->retry_after, sizeof r->retry_after);
  copy_header (line, n, "X-Request-Id", r->request_id, sizeof r->request_id);
  copy_header (line, n, "Strict-Transport-Security", r->hsts, sizeof r->hsts);
  copy_header (line, n, "X-Content-Type-Options", r->nosniff, sizeof r->nosniff);
  copy_header (line, n, "X-Dokus-Upto-Seq", r->upto_seq, sizeof r->upto_seq);
  return n;
}

static RelayResp
do_http (const char *method, const char *url, const char *token, const char *ctype,
         const void *body, size_t len, const char *cainfo)
{
  RelayResp r = { 0 };
  Buf b = { 0 };
  CURL *c = curl_easy_init ();
  struct curl_slist *h = NULL;
  char auth[400], ct[128];

  if (c == NULL)
    return r;
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt (c, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (c, CURLOPT_HEADERDATA, &r);
  curl_easy_setopt (c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (c, CURLOPT_NOSIGNAL, 1L);
  if (cainfo)
    curl_easy_setopt (c, CURLOPT_CAINFO, cainfo);
  if (token)
    {
      snprintf (auth, sizeof auth, "Authorization: Bearer %s", token);
      h = curl_slist_append (h, auth);
    }
  if (body)
    {
      snprintf (ct, sizeof ct, "Content-Type: %s", ctype ? ctype : "application/json");
      h = curl_slist_append (h, ct);
      curl_easy_setopt (c, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
    }
  h = curl_slist_append (h, "Expect:");
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
  if (curl_easy_perform (c) == CURLE_OK)
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all (h);
  curl_easy_cleanup (c);
  r.body = b.buf ? b.buf : calloc (1, 1);
  r.len = b.len;
  return r;
}

RelayResp
relay_http (const char *method, const char *url, const char *token, const char *ctype,
            const void *body, size_t len)
{
  return do_http (method, url, token, ctype, body, len, NULL);
}

RelayResp
relay_http_tls (const char *method, const char *url, const char *cainfo)
{
  return do_http (method, url, NULL, NULL, NULL, 0, cainfo);
}

void
relay_resp_clear (RelayResp *r)
{
  free (r->body);
  memset (r, 0, sizeof *r);
}

cJSON *
relay_resp_json (const RelayResp *r)
{
  return r->body ? cJSON_ParseWithLength (r->body, r->len) : NULL;
}

const char *
relay_resp_error_code (const RelayResp *r)
{
  static _Thread_local char code[64];
  cJSON *j = relay_resp_json (r);
  const cJSON *e = cJSON_GetArrayItem (cJSON_GetObjectItem (j, "errors"), 0);
  const cJSON *c = cJSON_GetObjectItem (e, "code");
  snprintf (code, sizeof code, "%s", cJSON_IsString (c) ? c->valuestring : "");
  cJSON_Delete (j);
  return code;
}

/* ---- devices ---- */

void
relay_random_id (uint8_t id[16])
{
  randombytes_buf (id, 16);
}

static void
uuid_text (const uint8_t id[16], char out[37])
{
  dokus_relay_id_text (id, out);
  out[36] = '\0';
}

static bool
uuid_parse (const char *text, uint8_t out[16])
{
  char hex[33];
  size_t k = 0, len = 0;
  if (strlen (text) != 36)
    return false;
  for (size_t i = 0; i < 36; i++)
    if (text[i] != '-' && k < 32)
      hex[k++] = text[i];
  hex[k] = '\0';
  return sodium_hex2bin (out, 16, hex, k, NULL, &len, NULL) == 0 && len == 16;
}

void
relay_device_init (RelayDevice *d, const char *base, const uint8_t book_id[16],
                   const uint8_t sync_key[32])
{
  memset (d, 0, sizeof *d);
  snprintf (d->base, sizeof d->base, "%s", base);
  memcpy (d->book_id, book_id, 16);
  uuid_text (book_id, d->book_hex);
  sodium_bin2hex (d->book_raw, sizeof d->book_raw, book_id, 16);
  relay_random_id (d->device_id);
  uuid_text (d->device_id, d->device_hex);
  sodium_bin2hex (d->device_raw, sizeof d->device_raw, d->device_id, 16);
  crypto_sign_keypair (d->sign_pk, d->sign_sk);
  crypto_box_keypair (d->box_pk, d->box_sk);
  memcpy (d->sync_key, sync_key, 32);
  d->next_dev_seq = 1;
}

static void
add_b64 (cJSON *o, const char *name, const void *data, size_t len)
{
  char buf[4096];
  sodium_bin2base64 (buf, sizeof buf, data, len, sodium_base64_VARIANT_ORIGINAL);
  cJSON_AddStringToObject (o, name, buf);
}

static RelayResp
post_json (const char *base, const char *path, const char *token, cJSON *body)
{
  char url[512], *text = cJSON_PrintUnformatted (body);
  RelayResp r;
  snprintf (url, sizeof url, "%s%s", base, path);
  r = relay_http ("POST", url, token, "application/json", text, strlen (text));
  free (text);
  cJSON_Delete (body);
  return r;
}

long
relay_book_create (RelayDevice *owner, const uint8_t book_box_pk[32])
{
  cJSON *b = cJSON_CreateObject (), *o = cJSON_CreateObject ();
  uint8_t m[12 + 36 + 36 + 32], sig[64];
  RelayResp r;
  long status;

  memcpy (m, "dokus-book-1", 12);
  dokus_relay_id_text (owner->book_id, (char *) m + 12);
  dokus_relay_id_text (owner->device_id, (char *) m + 48);
  memcpy (m + 84, book_box_pk, 32);
  crypto_sign_detached (sig, NULL, m, sizeof m, owner->sign_sk);
  cJSON_AddStringToObject (b, "book_id", owner->book_hex);
  add_b64 (b, "box_pk", book_box_pk, 32);
  cJSON_AddNumberToObject (b, "key_epoch", 1);
  cJSON_AddStringToObject (o, "device_id", owner->device_hex);
  add_b64 (o, "sign_pk", owner->sign_pk, 32);
  add_b64 (o, "box_pk", owner->box_pk, 32);
  add_b64 (o, "sig", sig, 64);
  cJSON_AddItemToObject (b, "owner", o);
  r = post_json (owner->base, "/v1/books", NULL, b);
  status = r.status;
  relay_resp_clear (&r);
  return status;
}

long
relay_device_login (RelayDevice *d)
{
  cJSON *b = cJSON_CreateObject (), *j;
  RelayResp r;
  uint8_t challenge[32], m[12 + 36 + 36 + 32], sig[64];
  size_t len = 0;
  long status;
  const cJSON *c;

  cJSON_AddStringToObject (b, "book_id", d->book_hex);
  cJSON_AddStringToObject (b, "device_id", d->device_hex);
  r = post_json (d->base, "/v1/auth/challenge", NULL, b);
  j = relay_resp_json (&r);
  c = cJSON_GetObjectItem (j, "challenge");
  if (r.status != 200 || !cJSON_IsString (c)
      || sodium_base642bin (challenge, sizeof challenge, c->valuestring, strlen (c->valuestring),
                            NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL)
           != 0
      || len != 32)
    {
      status = r.status ? r.status : -1;
      cJSON_Delete (j);
      relay_resp_clear (&r);
      return status == 200 ? -1 : status;
    }
  cJSON_Delete (j);
  relay_resp_clear (&r);
  memcpy (m, "dokus-auth-1", 12);
  dokus_relay_id_text (d->book_id, (char *) m + 12);
  dokus_relay_id_text (d->device_id, (char *) m + 48);
  memcpy (m + 84, challenge, 32);
  crypto_sign_detached (sig, NULL, m, sizeof m, d->sign_sk);
  b = cJSON_CreateObject ();
  cJSON_AddStringToObject (b, "book_id", d->book_hex);
  cJSON_AddStringToObject (b, "device_id", d->device_hex);
  add_b64 (b, "challenge", challenge, 32);
  add_b64 (b, "sig", sig, 64);
  r = post_json (d->base, "/v1/auth/token", NULL, b);
  status = r.status;
  if (status == 200)
    {
      j = relay_resp_json (&r);
      snprintf (d->access, sizeof d->access, "%s",
                cJSON_GetObjectItem (j, "access_token")->valuestring);
      snprintf (d->refresh, sizeof d->refresh, "%s",
                cJSON_GetObjectItem (j, "refresh_token")->valuestring);
      cJSON_Delete (j);
    }
  relay_resp_clear (&r);
  return status;
}

long
relay_member_add (RelayDevice *owner, const RelayDevice *d, const char *role)
{
  cJSON *b = cJSON_CreateObject ();
  char path[128];
  RelayResp r;
  long status;
  cJSON_AddStringToObject (b, "device_id", d->device_hex);
  cJSON_AddStringToObject (b, "role", role);
  add_b64 (b, "sign_pk", d->sign_pk, 32);
  add_b64 (b, "box_pk", d->box_pk, 32);
  snprintf (path, sizeof path, "/v1/books/%s/members", owner->book_hex);
  r = post_json (owner->base, path, owner->access, b);
  status = r.status;
  relay_resp_clear (&r);
  return status;
}

#define AD_BYTES (11 + 36 + 36 + 8 + 4)

static void
envelope_ad (const uint8_t book[16], const uint8_t dev[16], long long dev_seq, unsigned epoch,
             uint8_t ad[AD_BYTES])
{
  uint8_t *p = ad;
  memcpy (p, "dokus-env-1", 11), p += 11;
  dokus_relay_id_text (book, (char *) p), p += 36;
  dokus_relay_id_text (dev, (char *) p), p += 36;
  for (int i = 7; i >= 0; i--)
    *p++ = (uint8_t) ((unsigned long long) dev_seq >> (i * 8));
  for (int i = 3; i >= 0; i--)
    *p++ = (uint8_t) (epoch >> (i * 8));
}

cJSON *
relay_envelope_new (const RelayDevice *d, long long dev_seq, unsigned key_epoch,
                    const char *plaintext)
{
  size_t len = strlen (plaintext), padded_len = 0;
  size_t cap = len + 256;
  unsigned char *pt = malloc (cap), *ct = malloc (cap + 16);
  unsigned long long ct_len = 0;
  uint8_t nonce[24], ad[AD_BYTES], sig[64], m[DOKUS_ENVELOPE_SIGNED_BYTES];
  cJSON *e = cJSON_CreateObject ();
  char *b64;

  memcpy (pt, plaintext, len);
  sodium_pad (&padded_len, pt, len, 256, cap);
  randombytes_buf (nonce, sizeof nonce);
  envelope_ad (d->book_id, d->device_id, dev_seq, key_epoch, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (ct, &ct_len, pt, padded_len, ad, sizeof ad, NULL,
                                              nonce, d->sync_key);
  dokus_relay_envelope_signed_message (d->book_id, d->device_id, (uint64_t) dev_seq, key_epoch,
                                       nonce, ct, (size_t) ct_len, m);
  crypto_sign_detached (sig, NULL, m, sizeof m, d->sign_sk);
  cJSON_AddNumberToObject (e, "dev_seq", (double) dev_seq);
  cJSON_AddNumberToObject (e, "key_epoch", key_epoch);
  add_b64 (e, "nonce", nonce, sizeof nonce);
  b64 = malloc (sodium_base64_ENCODED_LEN (ct_len, sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64 (b64, sodium_base64_ENCODED_LEN (ct_len, sodium_base64_VARIANT_ORIGINAL), ct,
                     (size_t) ct_len, sodium_base64_VARIANT_ORIGINAL);
  cJSON_AddStringToObject (e, "ct", b64);
  add_b64 (e, "sig", sig, sizeof sig);
  free (b64);
  free (pt);
  free (ct);
  return e;
}

char *
relay_envelope_open (const RelayDevice *d, const cJSON *env)
{
  const char *dev_hex = cJSON_GetObjectItem (env, "device_id")->valuestring;
  const char *ct_b64 = cJSON_GetObjectItem (env, "ct")->valuestring;
  const char *nonce_b64 = cJSON_GetObjectItem (env, "nonce")->valuestring;
  long long dev_seq = (long long) cJSON_GetObjectItem (env, "dev_seq")->valuedouble;
  unsigned epoch = (unsigned) cJSON_GetObjectItem (env, "key_epoch")->valuedouble;
  uint8_t dev[16], nonce[24], ad[AD_BYTES];
  size_t len = 0, ct_len = 0, unpadded = 0;
  size_t cap = strlen (ct_b64);
  unsigned char *ct = malloc (cap), *pt = malloc (cap + 1);
  unsigned long long pt_len = 0;

  uuid_parse (dev_hex, dev);
  sodium_base642bin (nonce, 24, nonce_b64, strlen (nonce_b64), NULL, &len, NULL,
                     sodium_base64_VARIANT_ORIGINAL);
  sodium_base642bin (ct, cap, ct_b64, strlen (ct_b64), NULL, &ct_len, NULL,
                     sodium_base64_VARIANT_ORIGINAL);
  envelope_ad (d->book_id, dev, dev_seq, epoch, ad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (pt, &pt_len, NULL, ct, ct_len, ad, sizeof ad,
                                                  nonce, d->sync_key)
        != 0
      || sodium_unpad (&unpadded, pt, (size_t) pt_len, 256) != 0)
    {
      free (ct);
      free (pt);
      return NULL;
    }
  pt[unpadded] = '\0';
  free (ct);
  return (char *) pt;
}

static size_t
b64_field (const cJSON *e, const char *name, uint8_t *out, size_t cap)
{
  const cJSON *v = cJSON_GetObjectItem (e, name);
  size_t len = 0;
  if (!cJSON_IsString (v)
      || sodium_base642bin (out, cap, v->valuestring, strlen (v->valuestring), NULL, &len, NULL,
                            sodium_base64_VARIANT_ORIGINAL)
           != 0)
    return 0;
  return len;
}

char *
relay_push_body_signed (const RelayDevice *d, cJSON *envelopes, const uint8_t sign_sk[64])
{
  cJSON *b = cJSON_CreateObject (), *e;
  DokusPushHash h;
  uint8_t m[DOKUS_PUSH_SIGNED_BYTES], sig[64];
  char *text;

  dokus_relay_push_hash_init (&h, d->book_id, d->device_id);
  cJSON_ArrayForEach (e, envelopes)
  {
    size_t cap = strlen (cJSON_GetObjectItem (e, "ct")->valuestring);
    uint8_t nonce[24], esig[64], *ct = malloc (cap);
    size_t ct_len = b64_field (e, "ct", ct, cap);
    b64_field (e, "nonce", nonce, sizeof nonce);
    b64_field (e, "sig", esig, sizeof esig);
    dokus_relay_push_hash_add (&h, (uint64_t) cJSON_GetObjectItem (e, "dev_seq")->valuedouble,
                               (uint32_t) cJSON_GetObjectItem (e, "key_epoch")->valuedouble,
                               nonce, ct, ct_len, esig);
    free (ct);
  }
  dokus_relay_push_hash_final (&h, m);
  crypto_sign_detached (sig, NULL, m, sizeof m, sign_sk);
  cJSON_AddStringToObject (b, "device_id", d->device_hex);
  cJSON_AddItemToObject (b, "envelopes", envelopes);
  add_b64 (b, "batch_sig", sig, sizeof sig);
  text = cJSON_PrintUnformatted (b);
  cJSON_Delete (b);
  return text;
}

char *
relay_push_body (const RelayDevice *d, cJSON *envelopes)
{
  return relay_push_body_signed (d, envelopes, d->sign_sk);
}

RelayResp
relay_push_text (const RelayDevice *d, const char *body_text)
{
  char url[256];
  snprintf (url, sizeof url, "%s/v1/books/%s/push", d->base, d->book_hex);
  return relay_http ("POST", url, d->access, "application/json", body_text, strlen (body_text));
}

RelayResp
relay_push_n (RelayDevice *d, int n, const char *prefix)
{
  cJSON *arr = cJSON_CreateArray ();
  char pt[256], *text;
  RelayResp r;
  for (int k = 0; k < n; k++)
    {
      snprintf (pt, sizeof pt, "%s #%lld", prefix, d->next_dev_seq + k);
      cJSON_AddItemToArray (arr, relay_envelope_new (d, d->next_dev_seq + k, 1, pt));
    }
  text = relay_push_body (d, arr);
  r = relay_push_text (d, text);
  free (text);
  if (r.status == 200)
    d->next_dev_seq += n;
  return r;
}

RelayResp
relay_pull (const RelayDevice *d, long long after, unsigned wait)
{
  char url[600];
  snprintf (url, sizeof url, "%s/v1/books/%s/pull?after=%lld&wait=%u", d->base, d->book_hex,
            after, wait);
  return relay_http ("GET", url, d->access, NULL, NULL, 0);
}

bool
relay_mem_contains (const char *hay, size_t len, const char *needle)
{
  return hay && memmem (hay, len, needle, strlen (needle)) != NULL;
}

bool
relay_book_new (const char *base, RelayDevice *owner, uint8_t box_pk[32], uint8_t box_sk[32])
{
  uint8_t book[16], key[32], pk[32], sk[32];
  relay_random_id (book);
  randombytes_buf (key, sizeof key);
  crypto_box_keypair (pk, sk);
  relay_device_init (owner, base, book, key);
  if (box_pk)
    memcpy (box_pk, pk, 32);
  if (box_sk)
    memcpy (box_sk, sk, 32);
  return relay_book_create (owner, pk) == 201 && relay_device_login (owner) == 200;
}

bool
relay_member_new (RelayDevice *owner, RelayDevice *d, const char *role)
{
  relay_device_init (d, owner->base, owner->book_id, owner->sync_key);
  return relay_member_add (owner, d, role) == 201 && relay_device_login (d) == 200;
}
