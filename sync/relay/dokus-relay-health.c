/* dokus-relay-health.c
 *
 * GET /healthz (200 when PostgreSQL answers, else 503) and GET /metrics
 * (Prometheus text). Neither needs a token; put /metrics behind the
 * firewall or the proxy (docs/relay.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-metrics.h"
#include "dokus-relay-migrate.h"

enum MHD_Result
dokus_relay_handle_healthz (DokusRelayRequest *req)
{
  char msg[256];
  PGresult *r = dokus_relay_db_exec (req->db, "SELECT 1", NULL, msg, sizeof msg);
  cJSON *o;
  if (r == NULL)
    return dokus_relay_reply_error (req, 503, "unavailable", NULL, NULL,
                                    "the database does not answer");
  PQclear (r);
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "status", "ok");
  cJSON_AddNumberToObject (o, "schema", dokus_relay_schema_version ());
  return dokus_relay_reply_json (req, 200, o);
}

enum MHD_Result
dokus_relay_handle_metrics (DokusRelayRequest *req)
{
  unsigned in_use = 0, size = 0;
  char *text;
  enum MHD_Result ret;

  dokus_relay_db_usage (req->srv->db, &in_use, &size);
  text = dokus_relay_metrics_render (in_use, size, dokus_relay_notify_waiting (req->srv->notify));
  if (text == NULL)
    return dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "out of memory");
  ret = dokus_relay_reply (req, 200, "text/plain; version=0.0.4", text, strlen (text));
  free (text);
  return ret;
}
