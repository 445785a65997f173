/* dokus-relay-config.c
 *
 * Flags and environment for dokus-relay. Every flag has a DOKUS_RELAY_*
 * variable (the flag wins), so a systemd unit can use either. Plain HTTP is
 * refused on a non-loopback address unless --insecure-http says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OPT_STRING, OPT_UINT, OPT_SIZE, OPT_BOOL } OptKind;

typedef struct {
  const char *flag;
  const char *env;
  OptKind kind;
  size_t offset;
  const char *help;
} Option;

#define OFF(field) offsetof (DokusRelayConfig, field)

/* --listen is the one OPT_STRING at offset 0 (listen_host): set_option()
 * parses it as HOST:PORT. */
static const Option options[] = {
  { "--listen", "DOKUS_RELAY_LISTEN", OPT_STRING, 0,
    "HOST:PORT to listen on (default 127.0.0.1:8443; port 0 picks a free one)" },
  { "--database-url", "DOKUS_RELAY_DATABASE_URL", OPT_STRING, OFF (database_url),
    "PostgreSQL conninfo or URI (required)" },
  { "--key-file", "DOKUS_RELAY_KEY_FILE", OPT_STRING, OFF (key_file),
    "token signing key: 32 bytes, raw or as 64 hex characters (required)" },
  { "--tls-cert", "DOKUS_RELAY_TLS_CERT", OPT_STRING, OFF (tls_cert), "PEM certificate (HTTPS)" },
  { "--tls-key", "DOKUS_RELAY_TLS_KEY", OPT_STRING, OFF (tls_key), "PEM private key (HTTPS)" },
  { "--insecure-http", "DOKUS_RELAY_INSECURE_HTTP", OPT_BOOL, OFF (insecure_http),
    "allow plain HTTP on a non-loopback address (behind a TLS proxy)" },
  { "--port-file", "DOKUS_RELAY_PORT_FILE", OPT_STRING, OFF (port_file),
    "write the bound port to this file once listening" },
  { "--threads", "DOKUS_RELAY_THREADS", OPT_UINT, OFF (threads), "HTTP threads (default 8)" },
  { "--pool-size", "DOKUS_RELAY_POOL_SIZE", OPT_UINT, OFF (pool_size),
    "PostgreSQL connections (default 8)" },
  { "--max-connections", "DOKUS_RELAY_MAX_CONNECTIONS", OPT_UINT, OFF (max_connections),
    "open HTTP connections (default 2000)" },
  { "--max-body", "DOKUS_RELAY_MAX_BODY", OPT_SIZE, OFF (max_body),
    "bytes of a JSON request (default 8388608)" },
  { "--max-snapshot", "DOKUS_RELAY_MAX_SNAPSHOT", OPT_SIZE, OFF (max_snapshot),
    "bytes of a snapshot (default 268435456)" },
  { "--max-batch", "DOKUS_RELAY_MAX_BATCH", OPT_UINT, OFF (max_batch),
    "envelopes per push (default 500)" },
  { "--max-ciphertext", "DOKUS_RELAY_MAX_CIPHERTEXT", OPT_SIZE, OFF (max_ct),
    "bytes of one envelope's ciphertext (default 1048576)" },
  { "--max-wait", "DOKUS_RELAY_MAX_WAIT", OPT_UINT, OFF (max_wait),
    "seconds a pull may wait (default 30)" },
  { "--rate-device", "DOKUS_RELAY_RATE_DEVICE", OPT_UINT, OFF (rate_device),
    "requests per second per device, burst twice that (default 50; 0 = off)" },
  { "--rate-address", "DOKUS_RELAY_RATE_ADDRESS", OPT_UINT, OFF (rate_address),
    "requests per second per client address (default 200; 0 = off)" },
  { "--access-ttl", "DOKUS_RELAY_ACCESS_TTL", OPT_UINT, OFF (access_ttl),
    "seconds an access token lives (default 900)" },
  { "--refresh-ttl", "DOKUS_RELAY_REFRESH_TTL", OPT_UINT, OFF (refresh_ttl),
    "seconds a refresh token lives (default 2592000)" },
  { "--compact-after-days", "DOKUS_RELAY_COMPACT_AFTER_DAYS", OPT_UINT, OFF (compact_days),
    "a snapshot this old becomes the book's floor; older envelopes are deleted (default 90)" },
};

bool
dokus_relay_config_is_loopback (const char *host)
{
  return strncmp (host, "127.", 4) == 0 || strcmp (host, "::1") == 0
         || strcmp (host, "localhost") == 0;
}

static int
set_listen (DokusRelayConfig *cfg, const char *value, char *msg, size_t msg_size)
{
  const char *colon = strrchr (value, ':');
  char *end;
  unsigned long port;
  const char *host = value;
  size_t host_len;

  if (colon == NULL)
    {
      snprintf (msg, msg_size, "--listen: expected HOST:PORT, got \"%s\"", value);
      return 2;
    }
  errno = 0;
  port = strtoul (colon + 1, &end, 10);
  if (errno || *end || end == colon + 1 || port > 65535)
    {
      snprintf (msg, msg_size, "--listen: bad port in \"%s\"", value);
      return 2;
    }
  host_len = (size_t) (colon - value);
  if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']')
    {
      host++;
      host_len -= 2;
    }
  free (cfg->listen_host);
  cfg->listen_host = strndup (host, host_len);
  cfg->port = (unsigned) port;
  return cfg->listen_host ? 0 : 2;
}

static int
set_option (DokusRelayConfig *cfg, const Option *o, const char *value, char *msg,
            size_t msg_size)
{
  char *base = (char *) cfg;
  char *end;
  unsigned long long n;

  if (o->offset == 0 && o->kind == OPT_STRING)
    return set_listen (cfg, value, msg, msg_size);
  switch (o->kind)
    {
    case OPT_STRING:
      {
        char **slot = (char **) (base + o->offset);
        free (*slot);
        *slot = strdup (value);
        return *slot ? 0 : 2;
      }
    case OPT_BOOL:
      *(bool *) (base + o->offset) = strcmp (value, "0") != 0 && strcmp (value, "false") != 0
                                     && strcmp (value, "no") != 0;
      return 0;
    case OPT_UINT:
    case OPT_SIZE:
      errno = 0;
      n = strtoull (value, &end, 10);
      if (errno || *end || end == value || value[0] == '-'
          || (o->kind == OPT_UINT && n > 1000000000ULL))
        {
          snprintf (msg, msg_size, "%s: \"%s\" is not a number in range", o->flag, value);
          return 2;
        }
      if (o->kind == OPT_UINT)
        *(unsigned *) (base + o->offset) = (unsigned) n;
      else
        *(size_t *) (base + o->offset) = (size_t) n;
      return 0;
    }
  return 2;
}

static void
print_help (void)
{
  printf ("Usage: dokus-relay [OPTION...]\n\n"
          "The Dokus sync relay: stores encrypted change envelopes of books in PostgreSQL\n"
          "and serves them to the books' devices (docs/sync-protocol.md, docs/relay.md).\n\n"
          "Every option can also be set by its environment variable; the flag wins.\n\n");
  for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
    printf ("  %-20s %s\n  %-20s   env %s\n", options[i].flag, options[i].help, "",
            options[i].env);
  printf ("  %-20s %s\n", "--help", "show this help");
}

int
dokus_relay_config_parse (DokusRelayConfig *cfg, int argc, char **argv, char *msg,
                          size_t msg_size)
{
  size_t n_opts = sizeof options / sizeof options[0];
  int rc;

  memset (cfg, 0, sizeof *cfg);
  cfg->listen_host = strdup ("127.0.0.1");
  cfg->port = 8443;
  cfg->threads = 8;
  cfg->pool_size = 8;
  cfg->max_connections = 2000;
  cfg->max_body = 8u << 20;
  cfg->max_snapshot = 256u << 20;
  cfg->max_batch = 500;
  cfg->max_ct = 1u << 20;
  cfg->max_wait = 30;
  cfg->rate_device = 50;
  cfg->rate_address = 200;
  cfg->access_ttl = 900;
  cfg->refresh_ttl = 30u * 24 * 3600;
  cfg->compact_days = 90;
  msg[0] = '\0';

  for (size_t i = 0; i < n_opts; i++)
    {
      const char *v = getenv (options[i].env);
      if (v && *v && (rc = set_option (cfg, &options[i], v, msg, msg_size)) != 0)
        return rc;
    }
  for (int a = 1; a < argc; a++)
    {
      const char *arg = argv[a];
      const char *value = NULL;
      const Option *o = NULL;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_help ();
          return 1;
        }
      for (size_t i = 0; i < n_opts && o == NULL; i++)
        {
          size_t len = strlen (options[i].flag);
          if (strncmp (arg, options[i].flag, len) == 0 && (arg[len] == '\0' || arg[len] == '='))
            {
              o = &options[i];
              value = arg[len] == '=' ? arg + len + 1 : NULL;
            }
        }
      if (o == NULL)
        {
          snprintf (msg, msg_size, "unknown option \"%s\" (see --help)", arg);
          return 2;
        }
      if (value == NULL && o->kind == OPT_BOOL)
        value = "1";
      else if (value == NULL)
        {
          if (a + 1 >= argc)
            {
              snprintf (msg, msg_size, "%s needs a value", o->flag);
              return 2;
            }
          value = argv[++a];
        }
      if ((rc = set_option (cfg, o, value, msg, msg_size)) != 0)
        return rc;
    }

  if (cfg->database_url == NULL)
    snprintf (msg, msg_size, "--database-url (or DOKUS_RELAY_DATABASE_URL) is required");
  else if (cfg->key_file == NULL)
    snprintf (msg, msg_size, "--key-file (or DOKUS_RELAY_KEY_FILE) is required");
  else if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL))
    snprintf (msg, msg_size, "--tls-cert and --tls-key go together");
  else if (cfg->tls_cert == NULL && !cfg->insecure_http
           && !dokus_relay_config_is_loopback (cfg->listen_host))
    snprintf (msg, msg_size,
              "plain HTTP on %s: give --tls-cert and --tls-key, or --insecure-http "
              "behind a TLS proxy",
              cfg->listen_host);
  else if (cfg->threads == 0 || cfg->pool_size == 0 || cfg->max_batch == 0
           || cfg->access_ttl == 0 || cfg->refresh_ttl == 0)
    snprintf (msg, msg_size, "--threads, --pool-size, --max-batch and the TTLs must be > 0");
  return msg[0] ? 2 : 0;
}

void
dokus_relay_config_clear (DokusRelayConfig *cfg)
{
  free (cfg->listen_host);
  free (cfg->database_url);
  free (cfg->key_file);
  free (cfg->tls_cert);
  free (cfg->tls_key);
  free (cfg->port_file);
  memset (cfg, 0, sizeof *cfg);
}
