/* testap-process.c
 *
 * See testap-process.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>

#include "testap-process.h"

void
testap_start (TestAp *ap, const char *token, const char *cert, const char *key)
{
  const char *exe = getenv ("DOKUS_TESTAP");
  int in[2], out[2];
  char line[64] = "";
  size_t n = 0;
  FILE *f;

  memset (ap, 0, sizeof *ap);
  ck_assert_msg (exe != NULL, "DOKUS_TESTAP is not set (run through meson test)");
  ck_assert_int_eq (pipe (in), 0);
  ck_assert_int_eq (pipe (out), 0);
  ap->pid = fork ();
  ck_assert_int_ge (ap->pid, 0);
  if (ap->pid == 0)
    {
      dup2 (in[0], STDIN_FILENO);
      dup2 (out[1], STDOUT_FILENO);
      close (in[0]);
      close (in[1]);
      close (out[0]);
      close (out[1]);
      if (cert != NULL)
        execl (exe, exe, "--token", token, "--stdin", "--tls-cert", cert, "--tls-key", key,
               (char *) NULL);
      else
        execl (exe, exe, "--token", token, "--stdin", (char *) NULL);
      _exit (127);
    }
  close (in[0]);
  close (out[1]);
  ap->stdin_fd = in[1];
  f = fdopen (out[0], "r");
  ck_assert_ptr_nonnull (f);
  alarm (10);
  if (fgets (line, sizeof line, f) != NULL)
    n = strlen (line);
  alarm (0);
  fclose (f);
  ck_assert_msg (n > 0 && sscanf (line, "port %d", &ap->port) == 1 && ap->port > 0,
                 "dokus-testap did not say its port (got '%s')", line);
  snprintf (ap->url, sizeof ap->url, "%s://127.0.0.1:%d", cert ? "https" : "http", ap->port);
  snprintf (ap->control_ca, sizeof ap->control_ca, "%s", cert ? cert : "");
}

void
testap_stop (TestAp *ap)
{
  if (ap->pid <= 0)
    return;
  close (ap->stdin_fd);
  kill (ap->pid, SIGTERM);
  waitpid (ap->pid, NULL, 0);
  ap->pid = 0;
}

typedef struct {
  char  *data;
  size_t len;
} Buf;

static size_t
collect (char *ptr, size_t size, size_t nmemb, void *data)
{
  Buf *b = data;
  char *grown = realloc (b->data, b->len + size * nmemb + 1);
  if (grown == NULL)
    return 0;
  b->data = grown;
  memcpy (b->data + b->len, ptr, size * nmemb);
  b->len += size * nmemb;
  b->data[b->len] = '\0';
  return size * nmemb;
}

static cJSON *
request (const TestAp *ap, const char *what, bool post, const char *body, size_t len,
         const char *header)
{
  CURL *c = curl_easy_init ();
  struct curl_slist *h = header ? curl_slist_append (NULL, header) : NULL;
  char url[160];
  Buf b = { 0 };
  long code = 0;
  CURLcode rc;
  cJSON *o = NULL;

  ck_assert_ptr_nonnull (c);
  snprintf (url, sizeof url, "%s/control/%s", ap->url, what);
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
  if (ap->control_ca[0] != '\0')
    curl_easy_setopt (c, CURLOPT_CAINFO, ap->control_ca);
  if (post)
    {
      curl_easy_setopt (c, CURLOPT_POST, 1L);
      curl_easy_setopt (c, CURLOPT_POSTFIELDS, body ? body : "");
      curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE, (long) (body ? len : 0));
    }
  rc = curl_easy_perform (c);
  curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all (h);
  curl_easy_cleanup (c);
  ck_assert_msg (rc == CURLE_OK && code >= 200 && code < 300, "control/%s: curl %d, HTTP %ld: %s",
                 what, (int) rc, code, b.data ? b.data : "");
  if (b.len > 0)
    o = cJSON_Parse (b.data);
  free (b.data);
  return o;
}

cJSON *
testap_control (const TestAp *ap, const char *what, const char *body, size_t len,
                const char *header)
{
  return request (ap, what, true, body, len, header);
}

long
testap_stat (const TestAp *ap, const char *key)
{
  cJSON *o = request (ap, "stats", false, NULL, 0, NULL);
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  long n;

  ck_assert_msg (cJSON_IsNumber (v), "stats has no %s", key);
  n = (long) v->valuedouble;
  cJSON_Delete (o);
  return n;
}

unsigned char *
testap_fetch_xml (const TestAp *ap, const char *token, const char *id, size_t *len)
{
  CURL *c = curl_easy_init ();
  char url[200], auth[200];
  struct curl_slist *h;
  Buf b = { 0 };
  long code = 0;
  CURLcode rc;

  ck_assert_ptr_nonnull (c);
  snprintf (url, sizeof url, "%s/v1/inbox/%s", ap->url, id);
  snprintf (auth, sizeof auth, "Authorization: Bearer %s", token);
  h = curl_slist_append (NULL, auth);
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, &b);
  if (ap->control_ca[0] != '\0')
    curl_easy_setopt (c, CURLOPT_CAINFO, ap->control_ca);
  rc = curl_easy_perform (c);
  curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all (h);
  curl_easy_cleanup (c);
  ck_assert_msg (rc == CURLE_OK && code == 200 && b.data != NULL, "GET %s: curl %d, HTTP %ld",
                 url, (int) rc, code);
  *len = b.len;
  return (unsigned char *) b.data;
}
