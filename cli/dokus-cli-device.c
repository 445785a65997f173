/* dokus-cli-device.c
 *
 * dokus-cli device list BOOK: the devices (and accountants) whose changes
 * this synced book accepts, with their key fingerprints and how far each
 * one's changes are applied here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static const char device_usage[] = "usage: dokus-cli device list BOOK [--json]\n";

static void
print_devices (const cJSON *o)
{
  const cJSON *m;

  cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive (o, "devices"))
    printf ("%s  %-10s %s  applied %lld%s%s\n", dokus_cli_str (m, "device_id"),
            dokus_cli_str (m, "role"), dokus_cli_str (m, "fingerprint"),
            (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (m, "applied")),
            cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (m, "this_device")) ? "  (this device)"
                                                                               : "",
            cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (m, "revoked")) ? "  revoked" : "");
}

int
dokus_cli_device (int argc, char **argv)
{
  DokusCliCommand cmd = {
    .usage = "device list BOOK",
    .help = "Lists the devices whose changes this synced book accepts.",
    .min_args = 1,
    .max_args = 1,
  };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *members = NULL, *json = NULL;
  DokusStatus st;
  int rc;

  if (argc < 2 || strcmp (argv[1], "list") != 0)
    {
      fputs (device_usage, argc < 2 || strcmp (argv[1], "--help") != 0 ? stderr : stdout);
      return argc >= 2 && strcmp (argv[1], "--help") == 0 ? 0 : 1;
    }
  rc = dokus_cli_parse_and_open (&cmd, argc - 2, argv + 2, &book);
  if (rc >= 0)
    return rc;
  st = dokus_sync_members_json (book, &members, &err);
  if (st == DOKUS_OK)
    {
      size_t len = strlen (members) + 16;
      json = malloc (len);
      if (json == NULL)
        st = dokus_error_set (&err, DOKUS_ERR_NOMEM, "", "out of memory");
      else
        snprintf (json, len, "{\"devices\":%s}", members);
    }
  free (members);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_devices);
}
