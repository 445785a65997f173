/* dokus-relay-config.h
 *
 * The relay's settings: command-line flags, each with an environment
 * variable as fallback (DOKUS_RELAY_*), validated once at start-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *listen_host;      /* "127.0.0.1" */
  unsigned port;          /* 0: a free port (see port_file) */
  char *database_url;     /* libpq conninfo or URI */
  char *key_file;         /* 32 raw bytes or 64 hex characters: token signing key */
  char *tls_cert;         /* PEM; with tls_key, HTTPS */
  char *tls_key;
  bool insecure_http;     /* plain HTTP on a non-loopback address */
  char *port_file;        /* written with the bound port once listening */
  unsigned threads;       /* HTTP thread pool */
  unsigned pool_size;     /* PostgreSQL connections */
  unsigned max_connections;
  size_t max_body;        /* bytes of a JSON request */
  size_t max_snapshot;    /* bytes of a snapshot upload */
  unsigned max_batch;     /* envelopes per push */
  size_t max_ct;          /* bytes of one decoded ciphertext */
  unsigned max_wait;      /* seconds of long-poll */
  unsigned rate_device;   /* requests per second per device (burst: 2x); 0: off */
  unsigned rate_address;  /* requests per second per address (burst: 2x); 0: off */
  unsigned access_ttl;    /* seconds; 900 */
  unsigned refresh_ttl;   /* seconds; 30 days */
  unsigned compact_days;  /* a snapshot older than this becomes the floor; 90 */
} DokusRelayConfig;

/* Fills @cfg from the environment, then @argv. Returns 0 when the relay
 * should run, 1 after --help (printed on stdout), 2 on a bad setting
 * (message in @msg). Strings in @cfg are owned by it:
 * dokus_relay_config_clear() frees them. */
int dokus_relay_config_parse (DokusRelayConfig *cfg, int argc, char **argv, char *msg,
                              size_t msg_size);
void dokus_relay_config_clear (DokusRelayConfig *cfg);

/* true when @host is a loopback address ("127.x.x.x", "::1", "localhost"). */
bool dokus_relay_config_is_loopback (const char *host);
