/* dokus-cli-ap.c
 *
 * The Peppol access point of dokus-cli's commands (peppol send|fetch and
 * sync): its URL from the command line or DOKUS_AP_URL, its API token from
 * DOKUS_AP_TOKEN or the terminal, never from the command line (which other
 * users can see), made into libdokus-sync's HTTP provider.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include <sodium.h>

#include "dokus-cli.h"

const char *
dokus_cli_ap_url (const char *given)
{
  return given != NULL ? given : getenv ("DOKUS_AP_URL");
}

DokusStatus
dokus_cli_ap_open (const char *url, const char *ca_file, const char *timeout_s,
                   DokusApProvider **ap, DokusError *err)
{
  char token[DOKUS_CLI_SECRET_MAX];
  DokusApHttpOptions o = { .base_url = url, .ca_file = ca_file };
  DokusStatus st;

  *ap = NULL;
  if (url == NULL || url[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "ap-url",
                            "give the access point's URL with --ap-url or DOKUS_AP_URL");
  if (timeout_s != NULL)
    {
      char *end;
      long s = strtol (timeout_s, &end, 10);
      if (*end != '\0' || s < 1 || s > 3600)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "timeout",
                                "--timeout takes 1 to 3600 seconds");
      o.timeout_ms = s * 1000;
    }
  st = dokus_cli_read_secret ("DOKUS_AP_TOKEN", "Access point API token: ", token, err);
  if (st == DOKUS_OK)
    {
      o.token = token;
      st = dokus_ap_http_new (&o, ap, err);
    }
  sodium_memzero (token, sizeof token);
  return st;
}
