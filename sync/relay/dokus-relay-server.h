/* dokus-relay-server.h
 *
 * The relay's shared state and one HTTP request as the handlers see it,
 * with the answer helpers every handler uses (security headers, request
 * id and the error format of DESIGN.md on every answer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>
#include <microhttpd.h>

#include "dokus-relay-config.h"
#include "dokus-relay-db.h"
#include "dokus-relay-notify.h"
#include "dokus-relay-ratelimit.h"
#include "dokus-relay-token.h"

typedef struct {
  const DokusRelayConfig *cfg;
  uint8_t *key;                /* sodium_malloc'd token key, DOKUS_RELAY_KEY_BYTES */
  DokusRelayDb *db;
  DokusRelayNotify *notify;
  DokusRelayRateLimit *rate_device;
  DokusRelayRateLimit *rate_address;
  struct MHD_Daemon *daemon;
  unsigned port;
  bool fault_kill_after_commit; /* tests only: DOKUS_RELAY_TEST_FAULT=kill-after-commit */
} DokusRelayServer;

typedef enum {
  DOKUS_ROLE_OWNER = 1,
  DOKUS_ROLE_DEVICE = 2,
  DOKUS_ROLE_ACCOUNTANT = 4,
} DokusRelayRole;
#define DOKUS_ROLES_WRITERS (DOKUS_ROLE_OWNER | DOKUS_ROLE_DEVICE)
#define DOKUS_ROLES_ALL (DOKUS_ROLE_OWNER | DOKUS_ROLE_DEVICE | DOKUS_ROLE_ACCOUNTANT)

typedef struct DokusRelayRequest DokusRelayRequest;
typedef enum MHD_Result (*DokusRelayHandler) (DokusRelayRequest *req);

struct DokusRelayRequest {
  DokusRelayServer *srv;
  struct MHD_Connection *conn;
  char request_id[33];
  char method[8];
  char *path;                 /* copy of the URL path */
  char *segments[8];          /* path split at '/', pointers into seg_buf */
  unsigned n_segments;
  char *seg_buf;
  const char *params[3];      /* the '*' segments of the route, in order */
  char addr[64];
  int route;                  /* index in the route table, -1 until found */
  unsigned char *body;
  size_t body_len, body_cap, body_max;
  bool body_too_large;
  int64_t start_us;
  bool started;               /* the handler ran at least once (a resumed pull) */
  bool answered;
  unsigned status;
  const char *error_code;     /* static string, for logs and metrics */
  size_t bytes_out;
  /* authentication (routes under /v1/books/{id}) */
  bool authed;
  uint8_t book_id[16];        /* the book named by the path */
  uint8_t device_id[16];
  uint8_t family_id[16];
  uint8_t sign_pk[32];
  DokusRelayRole role;
  PGconn *db;                 /* lent for one handler call */
  /* long-poll state (dokus-relay-pull.c) */
  int64_t wait_deadline_ms;
  uint64_t wait_generation;
  bool waited;
};

/* Answers (each sets req->status, adds the security headers and
 * X-Request-Id, and queues the response). @body is copied. */
enum MHD_Result dokus_relay_reply (DokusRelayRequest *req, unsigned status,
                                   const char *content_type, const void *body, size_t len);
/* Also adds @headers: name, value, ..., NULL. */
enum MHD_Result dokus_relay_reply_headers (DokusRelayRequest *req, unsigned status,
                                           const char *content_type, const void *body,
                                           size_t len, const char *const *headers);
/* Takes @json (freed here). */
enum MHD_Result dokus_relay_reply_json (DokusRelayRequest *req, unsigned status, cJSON *json);
/* {"errors":[{"code","message","field"}],"meta":{"request_id"}}; @field
 * may be NULL. @extra (may be NULL, taken) is merged into the top level
 * (e.g. "next_dev_seq" or "current"). */
enum MHD_Result dokus_relay_reply_error (DokusRelayRequest *req, unsigned status,
                                         const char *code, const char *field, cJSON *extra,
                                         const char *format, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 6, 7)))
#endif
  ;
/* 503 with Retry-After: 1, for a database that cannot be reached. */
enum MHD_Result dokus_relay_reply_db_error (DokusRelayRequest *req, const char *what,
                                            const char *msg);

/* Starts / stops the HTTP daemon on srv->cfg's address. */
int dokus_relay_http_start (DokusRelayServer *srv, char *msg, size_t msg_size);
void dokus_relay_http_stop (DokusRelayServer *srv);

/* A query-string argument, or NULL. (transfer none) */
const char *dokus_relay_arg (DokusRelayRequest *req, const char *name);

/* The body parsed as a JSON object, or NULL after answering 400. */
cJSON *dokus_relay_body_json (DokusRelayRequest *req);

/* Now, Unix seconds and milliseconds (wall clock). */
int64_t dokus_relay_unix_now (void);
int64_t dokus_relay_unix_now_ms (void);
