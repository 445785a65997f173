/* dokus-testap.c
 *
 * dokus-testap: the local test access point. It speaks the REST API of
 * docs/access-point.md on 127.0.0.1, keeps its state in memory, validates
 * what it receives with the Peppol validator of libdokus (when the build
 * has it; else it checks that the XML is well-formed), and has control
 * endpoints (/control/...) with which tests make it fail, wait, drop a
 * connection after storing, reject a document or receive one.
 *
 * usage: dokus-testap --token TOKEN [--port N] [--stdin]
 *                     [--tls-cert CERT.pem --tls-key KEY.pem]
 * Prints "port N" on standard output once it listens (N from port 0 when
 * --port is not given), then serves until SIGTERM or SIGINT, or with
 * --stdin until its standard input closes (so it dies with its test).
 * With a certificate and key it speaks HTTPS (GnuTLS, through
 * libmicrohttpd).
 *
 * A test tool, never installed; POSIX only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <sodium.h>

#include <dokus/dokus.h>
#if defined(DOKUS_HAVE_UBL_VALIDATE)
#include <dokus/dokus-ubl-validate.h>
#endif

#define BODY_MAX ((size_t) 16 * 1024 * 1024)
#define MAX_ITEMS 10000

typedef struct {
  char  *document_id, *message_id, *receiver_id, *document_type_id;
  char   status[12];
  char  *reason;
  char  *ubl;
  size_t ubl_len;
} Outbound;

typedef struct {
  char  *id, *sender_id, *document_type_id, *received_at;
  char  *xml;
  size_t xml_len;
  bool   acked;
} Inbound;

typedef struct {
  char *document_id, *reason;
} RejectRule;

static struct {
  pthread_mutex_t lock;
  char           *token;
  Outbound        out[MAX_ITEMS];
  size_t          n_out;
  Inbound         in[MAX_ITEMS];
  size_t          n_in;
  RejectRule      rejects[MAX_ITEMS];
  size_t          n_rejects;
  /* faults */
  int             fail_count, fail_status;
  char            fail_match[64]; /* fail only requests whose path contains it; "" for all */
  int             delay_count, delay_ms;
  int             drop_count;
  bool            hold;  /* status stays "sent": no receipt */
  /* what happened */
  long            requests, submissions, status_requests, list_requests, fetches, acks;
} ap = { .lock = PTHREAD_MUTEX_INITIALIZER };

typedef struct {
  char  *data;
  size_t len;
  bool   too_big;
} Body;

/* ---- responses ------------------------------------------------------------- */

static enum MHD_Result
respond (struct MHD_Connection *c, unsigned code, const char *type, const char *data, size_t len)
{
  struct MHD_Response *r = MHD_create_response_from_buffer (len, (void *) data,
                                                             MHD_RESPMEM_MUST_COPY);
  enum MHD_Result ret;

  if (r == NULL)
    return MHD_NO;
  if (type != NULL)
    MHD_add_response_header (r, "Content-Type", type);
  ret = MHD_queue_response (c, code, r);
  MHD_destroy_response (r);
  return ret;
}

/* Answers @o (taken) as JSON. */
static enum MHD_Result
respond_json (struct MHD_Connection *c, unsigned code, cJSON *o)
{
  char *text = cJSON_PrintUnformatted (o);
  enum MHD_Result ret = text ? respond (c, code, "application/json", text, strlen (text))
                             : MHD_NO;
  free (text);
  cJSON_Delete (o);
  return ret;
}

/* {"errors":[{code, message, field}], "meta": {"request_id"}} as in DESIGN.md */
static enum MHD_Result
respond_error (struct MHD_Connection *c, unsigned code, const char *name, const char *field,
               const char *message)
{
  cJSON *o = cJSON_CreateObject (), *errors = cJSON_AddArrayToObject (o, "errors");
  cJSON *e = cJSON_CreateObject (), *meta = cJSON_AddObjectToObject (o, "meta");
  char rid[33];
  unsigned char raw[16];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (rid, sizeof rid, raw, sizeof raw);
  cJSON_AddStringToObject (e, "code", name);
  cJSON_AddStringToObject (e, "message", message);
  cJSON_AddStringToObject (e, "field", field ? field : "");
  cJSON_AddItemToArray (errors, e);
  cJSON_AddStringToObject (meta, "request_id", rid);
  return respond_json (c, code, o);
}

static cJSON *
outbound_json (const Outbound *d)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "id", d->message_id);
  cJSON_AddStringToObject (o, "document_id", d->document_id);
  cJSON_AddStringToObject (o, "status", d->status);
  cJSON_AddStringToObject (o, "receiver_id", d->receiver_id);
  if (d->reason)
    cJSON_AddStringToObject (o, "reason", d->reason);
  else
    cJSON_AddNullToObject (o, "reason");
  return o;
}

/* ---- the API --------------------------------------------------------------- */

static Outbound *
find_outbound (const char *document_id)
{
  for (size_t i = 0; i < ap.n_out; i++)
    if (strcmp (ap.out[i].document_id, document_id) == 0)
      return &ap.out[i];
  return NULL;
}

static Inbound *
find_inbound (const char *id)
{
  for (size_t i = 0; i < ap.n_in; i++)
    if (strcmp (ap.in[i].id, id) == 0)
      return &ap.in[i];
  return NULL;
}

/* NULL when @xml passes; else a message (transfer full). */
static char *
check_document (const char *xml, size_t len)
{
  char *msg = NULL;
#if defined(DOKUS_HAVE_UBL_VALIDATE)
  DokusUblReport *report = NULL;
  DokusError err = { 0 };

  if (dokus_ubl_validate (xml, len, &report, &err) != DOKUS_OK)
    {
      if (asprintf (&msg, "not a valid document: %s", err.message) < 0)
        msg = NULL;
      return msg ? msg : strdup ("not a valid document");
    }
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    if (strcmp (dokus_ubl_report_flag (report, i), "fatal") == 0)
      {
        if (asprintf (&msg, "[%s] %s (%s)", dokus_ubl_report_rule (report, i),
                      dokus_ubl_report_message (report, i),
                      dokus_ubl_report_location (report, i))
            < 0)
          msg = NULL;
        break;
      }
  if (msg == NULL && !dokus_ubl_report_valid (report))
    msg = strdup ("the document fails Peppol validation");
  dokus_ubl_report_free (report);
  return msg;
#else
  xmlDocPtr doc = xmlReadMemory (xml, (int) len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
                                                                 | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return strdup ("the document is not well-formed XML");
  xmlFreeDoc (doc);
  return msg;
#endif
}

static enum MHD_Result
api_submit (struct MHD_Connection *c, const Body *body)
{
  const char *key = MHD_lookup_connection_value (c, MHD_HEADER_KIND, "Idempotency-Key");
  const char *receiver = MHD_lookup_connection_value (c, MHD_HEADER_KIND, "X-Peppol-Receiver");
  const char *doctype = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                     "X-Peppol-Document-Type");
  Outbound *d;
  char *problem, mid[32];
  bool drop;

  if (key == NULL || key[0] == '\0')
    return respond_error (c, 400, "invalid", "Idempotency-Key", "Idempotency-Key is required");
  if (receiver == NULL || doctype == NULL)
    return respond_error (c, 400, "invalid", "X-Peppol-Receiver",
                          "X-Peppol-Receiver and X-Peppol-Document-Type are required");
  if ((d = find_outbound (key)) != NULL)
    return respond_json (c, 200, outbound_json (d)); /* idempotent: nothing stored twice */
  if ((problem = check_document (body->data ? body->data : "", body->len)) != NULL)
    {
      enum MHD_Result ret = respond_error (c, 422, "invalid", "document", problem);
      free (problem);
      return ret;
    }
  if (ap.n_out == MAX_ITEMS)
    return respond_error (c, 507, "full", "", "the test access point is full");
  d = &ap.out[ap.n_out++];
  snprintf (mid, sizeof mid, "msg-%06lu", (unsigned long) ap.n_out);
  d->document_id = strdup (key);
  d->message_id = strdup (mid);
  d->receiver_id = strdup (receiver);
  d->document_type_id = strdup (doctype);
  d->ubl = malloc (body->len + 1);
  if (d->ubl != NULL)
    {
      memcpy (d->ubl, body->data, body->len);
      d->ubl[body->len] = '\0';
    }
  d->ubl_len = body->len;
  snprintf (d->status, sizeof d->status, "queued");
  for (size_t i = 0; i < ap.n_rejects; i++)
    if (strcmp (ap.rejects[i].document_id, key) == 0)
      {
        snprintf (d->status, sizeof d->status, "rejected");
        d->reason = strdup (ap.rejects[i].reason);
      }
  drop = ap.drop_count > 0;
  if (drop)
    {
      ap.drop_count--;
      return MHD_NO; /* stored, and the connection closes without a reply */
    }
  return respond_json (c, 202, outbound_json (d));
}

static enum MHD_Result
api_status (struct MHD_Connection *c, const char *document_id)
{
  Outbound *d = find_outbound (document_id);

  ap.status_requests++;
  if (d == NULL)
    return respond_error (c, 404, "not_found", "document_id", "no such document");
  /* the receiving side answers at once: queued -> delivered (or sent, held) */
  if (strcmp (d->status, "queued") == 0 || strcmp (d->status, "sent") == 0)
    snprintf (d->status, sizeof d->status, ap.hold ? "sent" : "delivered");
  return respond_json (c, 200, outbound_json (d));
}

static enum MHD_Result
api_inbox_list (struct MHD_Connection *c)
{
  const char *after = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "after");
  const char *limit_s = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "limit");
  long limit = limit_s ? strtol (limit_s, NULL, 10) : 100;
  cJSON *o = cJSON_CreateObject (), *docs = cJSON_AddArrayToObject (o, "documents");

  ap.list_requests++;
  if (limit <= 0 || limit > 1000)
    limit = 100;
  for (size_t i = 0; i < ap.n_in && limit > 0; i++)
    {
      const Inbound *in = &ap.in[i];
      cJSON *e;
      if (in->acked || (after != NULL && strcmp (in->id, after) <= 0))
        continue;
      e = cJSON_CreateObject ();
      cJSON_AddStringToObject (e, "id", in->id);
      cJSON_AddStringToObject (e, "sender_id", in->sender_id);
      cJSON_AddStringToObject (e, "document_type_id", in->document_type_id);
      cJSON_AddStringToObject (e, "received_at", in->received_at);
      cJSON_AddItemToArray (docs, e);
      limit--;
    }
  return respond_json (c, 200, o);
}

static enum MHD_Result
api_inbox_fetch (struct MHD_Connection *c, const char *id)
{
  const Inbound *in = find_inbound (id);

  ap.fetches++;
  if (in == NULL)
    return respond_error (c, 404, "not_found", "id", "no such incoming document");
  return respond (c, 200, "application/xml", in->xml, in->xml_len);
}

static enum MHD_Result
api_inbox_ack (struct MHD_Connection *c, const char *id)
{
  Inbound *in = find_inbound (id);

  ap.acks++;
  if (in == NULL)
    return respond_error (c, 404, "not_found", "id", "no such incoming document");
  in->acked = true;
  return respond (c, 204, NULL, "", 0);
}

/* ---- control --------------------------------------------------------------- */

static int
json_int (const cJSON *o, const char *key, int fallback)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsNumber (v) ? v->valueint : fallback;
}

static const char *
json_str (const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (v) ? v->valuestring : NULL;
}

static enum MHD_Result
control_incoming (struct MHD_Connection *c, const Body *body)
{
  const char *sender = MHD_lookup_connection_value (c, MHD_HEADER_KIND, "X-Peppol-Sender");
  Inbound *in;
  char id[32], when[32];
  time_t now = time (NULL);
  struct tm tm;
  cJSON *o;

  if (body->len == 0)
    return respond_error (c, 400, "invalid", "body", "the document is missing");
  if (ap.n_in == MAX_ITEMS)
    return respond_error (c, 507, "full", "", "the test access point is full");
  in = &ap.in[ap.n_in++];
  snprintf (id, sizeof id, "in-%06lu", (unsigned long) ap.n_in);
  gmtime_r (&now, &tm);
  strftime (when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  in->id = strdup (id);
  in->sender_id = strdup (sender ? sender : "0208:0000000000");
  in->document_type_id = strdup (DOKUS_PEPPOL_DOCTYPE_INVOICE);
  in->received_at = strdup (when);
  in->xml = malloc (body->len + 1);
  if (in->xml != NULL)
    {
      memcpy (in->xml, body->data, body->len);
      in->xml[body->len] = '\0';
    }
  in->xml_len = body->len;
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "id", id);
  return respond_json (c, 201, o);
}

static enum MHD_Result
control_stats (struct MHD_Connection *c)
{
  cJSON *o = cJSON_CreateObject (), *docs = cJSON_AddArrayToObject (o, "documents");
  size_t acked = 0;

  cJSON_AddNumberToObject (o, "requests", (double) ap.requests);
  cJSON_AddNumberToObject (o, "submissions", (double) ap.submissions);
  cJSON_AddNumberToObject (o, "stored", (double) ap.n_out);
  cJSON_AddNumberToObject (o, "status_requests", (double) ap.status_requests);
  cJSON_AddNumberToObject (o, "list_requests", (double) ap.list_requests);
  cJSON_AddNumberToObject (o, "fetches", (double) ap.fetches);
  cJSON_AddNumberToObject (o, "acks", (double) ap.acks);
  for (size_t i = 0; i < ap.n_in; i++)
    acked += ap.in[i].acked;
  cJSON_AddNumberToObject (o, "incoming", (double) ap.n_in);
  cJSON_AddNumberToObject (o, "incoming_acked", (double) acked);
  for (size_t i = 0; i < ap.n_out; i++)
    cJSON_AddItemToArray (docs, outbound_json (&ap.out[i]));
  return respond_json (c, 200, o);
}

static enum MHD_Result
control (struct MHD_Connection *c, const char *what, const Body *body)
{
  cJSON *o = NULL;
  enum MHD_Result ret;

  if (strcmp (what, "stats") == 0)
    return control_stats (c);
  if (strcmp (what, "incoming") == 0)
    return control_incoming (c, body);
  o = cJSON_ParseWithLength (body->data ? body->data : "", body->len);
  if (o == NULL)
    return respond_error (c, 400, "invalid", "body", "a JSON object is expected");
  if (strcmp (what, "fail") == 0)
    {
      ap.fail_count = json_int (o, "count", 1);
      ap.fail_status = json_int (o, "status", 503);
      snprintf (ap.fail_match, sizeof ap.fail_match, "%s",
                json_str (o, "match") ? json_str (o, "match") : "");
    }
  else if (strcmp (what, "delay") == 0)
    {
      ap.delay_count = json_int (o, "count", 1);
      ap.delay_ms = json_int (o, "ms", 1000);
    }
  else if (strcmp (what, "drop") == 0)
    ap.drop_count = json_int (o, "count", 1);
  else if (strcmp (what, "hold") == 0)
    ap.hold = cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (o, "on"));
  else if (strcmp (what, "reject") == 0 && json_str (o, "document_id") && json_str (o, "reason")
           && ap.n_rejects < MAX_ITEMS)
    {
      Outbound *d = find_outbound (json_str (o, "document_id"));
      ap.rejects[ap.n_rejects].document_id = strdup (json_str (o, "document_id"));
      ap.rejects[ap.n_rejects++].reason = strdup (json_str (o, "reason"));
      if (d != NULL && strcmp (d->status, "delivered") != 0)
        {
          snprintf (d->status, sizeof d->status, "rejected");
          free (d->reason);
          d->reason = strdup (json_str (o, "reason"));
        }
    }
  else
    {
      cJSON_Delete (o);
      return respond_error (c, 404, "not_found", "", "no such control");
    }
  cJSON_Delete (o);
  ret = respond (c, 204, NULL, "", 0);
  return ret;
}

/* ---- dispatch -------------------------------------------------------------- */

static bool
authorized (struct MHD_Connection *c)
{
  const char *auth = MHD_lookup_connection_value (c, MHD_HEADER_KIND, "Authorization");
  size_t n = strlen (ap.token);

  return auth != NULL && strncmp (auth, "Bearer ", 7) == 0 && strlen (auth + 7) == n
         && sodium_memcmp (auth + 7, ap.token, n) == 0;
}

static enum MHD_Result
route (struct MHD_Connection *c, const char *url, const char *method, const Body *body)
{
  bool get = strcmp (method, "GET") == 0, post = strcmp (method, "POST") == 0;
  const char *rest;

  if (strncmp (url, "/control/", 9) == 0)
    return control (c, url + 9, body);
  if (strncmp (url, "/v1/", 4) != 0)
    return respond_error (c, 404, "not_found", "", "no such endpoint");
  if (!authorized (c))
    return respond_error (c, 401, "unauthorized", "Authorization", "a valid Bearer token is "
                                                                   "required");
  if (post && strcmp (url, "/v1/documents") == 0)
    ap.submissions++; /* every POST, also those failed on purpose below */
  if (ap.fail_count > 0 && strstr (url, ap.fail_match) != NULL)
    {
      ap.fail_count--;
      return respond_error (c, (unsigned) ap.fail_status, "unavailable", "",
                            "the test access point was told to fail");
    }
  if (post && strcmp (url, "/v1/documents") == 0)
    return api_submit (c, body);
  if (get && strncmp (url, "/v1/documents/", 14) == 0 && url[14] != '\0')
    return api_status (c, url + 14);
  if (get && strcmp (url, "/v1/inbox") == 0)
    return api_inbox_list (c);
  if (strncmp (url, "/v1/inbox/", 10) == 0 && url[10] != '\0')
    {
      char id[160];
      rest = url + 10;
      if (post && strlen (rest) > 4 && strcmp (rest + strlen (rest) - 4, "/ack") == 0
          && strlen (rest) - 4 < sizeof id)
        {
          snprintf (id, sizeof id, "%.*s", (int) (strlen (rest) - 4), rest);
          return api_inbox_ack (c, id);
        }
      if (get && strchr (rest, '/') == NULL)
        return api_inbox_fetch (c, rest);
    }
  return respond_error (c, 404, "not_found", "", "no such endpoint");
}

static enum MHD_Result
handle (void *cls, struct MHD_Connection *c, const char *url, const char *method,
        const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
  Body *body = *con_cls;
  enum MHD_Result ret;
  int delay = 0;

  (void) cls;
  (void) version;
  if (body == NULL)
    {
      if ((body = calloc (1, sizeof *body)) == NULL)
        return MHD_NO;
      *con_cls = body;
      return MHD_YES;
    }
  if (*upload_data_size > 0)
    {
      if (body->len + *upload_data_size > BODY_MAX)
        body->too_big = true;
      else
        {
          char *grown = realloc (body->data, body->len + *upload_data_size + 1);
          if (grown == NULL)
            return MHD_NO;
          body->data = grown;
          memcpy (body->data + body->len, upload_data, *upload_data_size);
          body->len += *upload_data_size;
          body->data[body->len] = '\0';
        }
      *upload_data_size = 0;
      return MHD_YES;
    }
  if (body->too_big)
    return respond_error (c, 413, "too_large", "body", "the body is larger than 16 MiB");

  pthread_mutex_lock (&ap.lock);
  if (strncmp (url, "/v1/", 4) == 0)
    {
      ap.requests++;
      if (ap.delay_count > 0)
        {
          ap.delay_count--;
          delay = ap.delay_ms;
        }
    }
  pthread_mutex_unlock (&ap.lock);
  if (delay > 0)
    {
      struct timespec ts = { .tv_sec = delay / 1000, .tv_nsec = (long) (delay % 1000) * 1000000L };
      nanosleep (&ts, NULL);
    }
  pthread_mutex_lock (&ap.lock);
  ret = route (c, url, method, body);
  pthread_mutex_unlock (&ap.lock);
  return ret;
}

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  Body *body = *con_cls;

  (void) cls;
  (void) c;
  (void) toe;
  if (body != NULL)
    {
      free (body->data);
      free (body);
      *con_cls = NULL;
    }
}

/* The whole file @path, NUL-terminated (transfer full), or NULL. */
static char *
read_text_file (const char *path)
{
  FILE *f = fopen (path, "rb");
  char *buf = NULL;
  long n;

  if (f == NULL)
    return NULL;
  if (fseek (f, 0, SEEK_END) == 0 && (n = ftell (f)) > 0 && n < 1024 * 1024
      && fseek (f, 0, SEEK_SET) == 0 && (buf = malloc ((size_t) n + 1)) != NULL)
    {
      if (fread (buf, 1, (size_t) n, f) != (size_t) n)
        {
          free (buf);
          buf = NULL;
        }
      else
        buf[n] = '\0';
    }
  fclose (f);
  return buf;
}

static const char usage[] = "usage: dokus-testap --token TOKEN [--port N] [--stdin] "
                            "[--tls-cert CERT.pem --tls-key KEY.pem]\n";

int
main (int argc, char **argv)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  struct MHD_Daemon *d;
  const union MHD_DaemonInfo *info;
  bool watch_stdin = false;
  long port = 0;
  const char *cert_path = NULL, *key_path = NULL;
  char *cert = NULL, *key = NULL;
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD
                   | MHD_USE_ERROR_LOG;
  sigset_t set;
  int sig;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--token") == 0 && i + 1 < argc)
        ap.token = argv[++i];
      else if (strcmp (argv[i], "--port") == 0 && i + 1 < argc)
        port = strtol (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--stdin") == 0)
        watch_stdin = true;
      else if (strcmp (argv[i], "--tls-cert") == 0 && i + 1 < argc)
        cert_path = argv[++i];
      else if (strcmp (argv[i], "--tls-key") == 0 && i + 1 < argc)
        key_path = argv[++i];
      else
        {
          fputs (usage, stderr);
          return 2;
        }
    }
  if (ap.token == NULL || ap.token[0] == '\0' || port < 0 || port > 65535
      || (cert_path == NULL) != (key_path == NULL))
    {
      fputs (usage, stderr);
      return 2;
    }
  if (cert_path != NULL)
    {
      if (MHD_is_feature_supported (MHD_FEATURE_TLS) != MHD_YES)
        {
          fprintf (stderr, "dokus-testap: this libmicrohttpd has no TLS\n");
          return 1;
        }
      cert = read_text_file (cert_path);
      key = read_text_file (key_path);
      if (cert == NULL || key == NULL)
        {
          fprintf (stderr, "dokus-testap: cannot read %s or %s\n", cert_path, key_path);
          return 1;
        }
      flags |= MHD_USE_TLS;
    }
  if (sodium_init () < 0)
    return 1;
  /* SIGTERM and SIGINT are taken by sigwait() below, in every thread */
  sigemptyset (&set);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGINT);
  if (!watch_stdin)
    pthread_sigmask (SIG_BLOCK, &set, NULL);
  signal (SIGPIPE, SIG_IGN);
  addr.sin_port = htons ((uint16_t) port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (cert != NULL)
    d = MHD_start_daemon (flags, 0, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR, &addr,
                          MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned) 60,
                          MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
                          MHD_OPTION_END);
  else
    d = MHD_start_daemon (flags, 0, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR, &addr,
                          MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned) 60, MHD_OPTION_END);
  if (d == NULL)
    {
      fprintf (stderr, "dokus-testap: cannot listen on 127.0.0.1:%ld\n", port);
      return 1;
    }
  info = MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
  printf ("port %u\n", info ? (unsigned) info->port : 0u);
  fflush (stdout);
  if (watch_stdin)
    {
      char buf[256];
      while (read (STDIN_FILENO, buf, sizeof buf) > 0)
        ;
    }
  else
    sigwait (&set, &sig);
  MHD_stop_daemon (d);
  free (cert);
  free (key);
  return 0;
}
