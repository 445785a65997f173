/* dokus-relay-log.c
 *
 * Structured logs: one line of JSON each, written with a single fwrite so
 * that lines from several threads never interleave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "dokus-relay-wire.h"

static void
add_time (cJSON *o)
{
  struct timespec ts;
  struct tm tm;
  char buf[64];
  clock_gettime (CLOCK_REALTIME, &ts);
  gmtime_r (&ts.tv_sec, &tm);
  snprintf (buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (ts.tv_nsec / 1000000) % 1000);
  cJSON_AddStringToObject (o, "ts", buf);
}

static void
emit (cJSON *o)
{
  char *text = cJSON_PrintUnformatted (o);
  if (text)
    {
      size_t len = strlen (text);
      text[len] = '\n'; /* replaces the NUL; written by length */
      fwrite (text, 1, len + 1, stderr);
      fflush (stderr);
      free (text);
    }
  cJSON_Delete (o);
}

void
dokus_relay_log_request (const DokusRelayRequest *req, const char *route, int64_t micros)
{
  cJSON *o = cJSON_CreateObject ();
  if (o == NULL)
    return;
  add_time (o);
  cJSON_AddStringToObject (o, "level", req->status >= 500 ? "error" : "info");
  cJSON_AddStringToObject (o, "request_id", req->request_id);
  cJSON_AddStringToObject (o, "method", req->method);
  cJSON_AddStringToObject (o, "route", route ? route : "unknown");
  cJSON_AddNumberToObject (o, "status", req->status);
  if (req->error_code)
    cJSON_AddStringToObject (o, "error", req->error_code);
  cJSON_AddNumberToObject (o, "ms", (double) micros / 1000.0);
  cJSON_AddNumberToObject (o, "bytes_in", (double) req->body_len);
  cJSON_AddNumberToObject (o, "bytes_out", (double) req->bytes_out);
  cJSON_AddStringToObject (o, "addr", req->addr);
  if (req->authed)
    {
      dokus_relay_json_add_id (o, "book", req->book_id);
      dokus_relay_json_add_id (o, "device", req->device_id);
    }
  if (req->waited)
    cJSON_AddBoolToObject (o, "waited", 1);
  emit (o);
}

void
dokus_relay_log_event (const char *level, const char *event, const char *message)
{
  cJSON *o = cJSON_CreateObject ();
  if (o == NULL)
    return;
  add_time (o);
  cJSON_AddStringToObject (o, "level", level);
  cJSON_AddStringToObject (o, "event", event);
  cJSON_AddStringToObject (o, "message", message);
  emit (o);
}
