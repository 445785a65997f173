/* testap-process.h
 *
 * Starting and stopping a real dokus-testap process on 127.0.0.1 for the
 * sync tests, and talking to its control endpoints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

typedef struct {
  pid_t pid;
  int   stdin_fd; /* closing it stops the access point */
  int   port;
  char  url[64];  /* "http://127.0.0.1:PORT" ("https" with TLS) */
  char  control_ca[512]; /* the certificate to trust for control requests, or "" */
} TestAp;

/* Starts $DOKUS_TESTAP (set by meson) with @token, speaking HTTPS when
 * @cert and @key (PEM files; nullable) are given; fails the test if it
 * does not print its port within ten seconds. */
void testap_start (TestAp *ap, const char *token, const char *cert, const char *key);
/* Stops it and waits for it; nothing when not started. */
void testap_stop (TestAp *ap);

/* POST /control/@what with @body (nullable; JSON or XML), extra header
 * @header (nullable); fails the test unless it answers 2xx. Returns the
 * answer parsed (cJSON_Delete() it), NULL when empty. */
cJSON *testap_control (const TestAp *ap, const char *what, const char *body, size_t len,
                       const char *header);

/* GET /control/stats: the integer @key of it. */
long testap_stat (const TestAp *ap, const char *key);

/* GET /v1/inbox/@id with @token: the document's bytes (transfer full,
 * free(), NUL-terminated), *@len of them; fails the test unless 200. */
unsigned char *testap_fetch_xml (const TestAp *ap, const char *token, const char *id,
                                 size_t *len);
