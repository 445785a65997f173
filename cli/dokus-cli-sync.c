/* dokus-cli-sync.c
 *
 * dokus-cli sync BOOK --relay URL: pushes the book's changes to a
 * dokus-relay and pulls and applies the other devices' (libdokus-sync,
 * dokus-sync-client.h). With --enable, first turns sync on for a book
 * that never synced and registers it at the relay with this device as
 * owner. Progress goes to stderr; the summary to stdout (--json: one
 * object).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dokus/dokus-sync-client.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

enum { OPT_RELAY, OPT_CA_FILE, OPT_ENABLE, OPT_QUIET, OPT_TAKE, OPT_RELEASE, OPT_END };

static void
progress_cb (const char *stage, int64_t done, int64_t total, void *user)
{
  (void) user;
  if (total >= 0)
    fprintf (stderr, "\r%s: %" PRId64 " / %" PRId64 "   ", stage, done, total);
  else
    fprintf (stderr, "\r%s: %" PRId64 "   ", stage, done);
  if (strcmp (stage, "pull") == 0 && done >= total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static long long
count_of (const cJSON *o, const char *key)
{
  return (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, key));
}

static void
print_summary (const cJSON *o)
{
  printf ("pushed %lld, pulled %lld, applied %lld, waiting %lld; relay head %lld\n",
          count_of (o, "pushed"), count_of (o, "pulled"), count_of (o, "applied"),
          count_of (o, "waiting"), count_of (o, "head_seq"));
}

int
dokus_cli_sync (int argc, char **argv)
{
  DokusCliOption options[] = {
    [OPT_RELAY] = { "--relay", true, NULL, false },
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },
    [OPT_ENABLE] = { "--enable", false, NULL, false },
    [OPT_QUIET] = { "--quiet", false, NULL, false },
    [OPT_TAKE] = { "--take-lease", true, NULL, false },
    [OPT_RELEASE] = { "--release-lease", true, NULL, false },
    [OPT_END] = { NULL, false, NULL, false },
  };
  DokusCliCommand cmd = {
    .usage = "sync BOOK --relay URL [--ca-file FILE] [--enable] [--quiet]\n"
             "       [--take-lease SERIES | --release-lease SERIES]",
    .help = "Pushes this book's changes to the relay, then pulls and applies the other\n"
            "devices' changes. --enable turns sync on for a book that never synced and\n"
            "registers it at the relay, this device its owner. --take-lease invoice/2026\n"
            "makes this device the one that numbers in that series (when its holder has\n"
            "released it); --release-lease hands it back. The relay URL may also come\n"
            "from DOKUS_RELAY_URL.",
    .min_args = 1,
    .max_args = 1,
    .options = options,
  };
  DokusBook *book = NULL;
  DokusSyncClient *client = NULL;
  DokusSyncRunStats stats = { 0 };
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  const char *relay;
  char json[512];
  int rc = dokus_cli_parse_and_open (&cmd, argc - 1, argv + 1, &book);

  if (rc >= 0)
    return rc;
  relay = options[OPT_RELAY].seen ? options[OPT_RELAY].value : getenv ("DOKUS_RELAY_URL");
  if (relay == NULL || relay[0] == '\0')
    st = dokus_error_set (&err, DOKUS_ERR_INVALID, "relay",
                          "give the relay's URL with --relay or DOKUS_RELAY_URL");
  if (st == DOKUS_OK)
    st = dokus_sync_client_new (relay, options[OPT_CA_FILE].value, &client, &err);
  if (st == DOKUS_OK && options[OPT_ENABLE].seen)
    {
      st = dokus_sync_enable (book, NULL, NULL, 0, &err);
      if (st == DOKUS_OK)
        st = dokus_sync_client_register (client, book, &err);
    }
  else if (st == DOKUS_OK && !dokus_sync_is_enabled (book))
    st = dokus_error_set (&err, DOKUS_ERR_REFUSED, "enable",
                          "sync is not on for this book: run with --enable once (or pair it)");
  if (st == DOKUS_OK)
    st = dokus_sync_client_run (client, book,
                                cmd.json || options[OPT_QUIET].seen ? NULL : progress_cb, NULL,
                                &stats, &err);
  if (st == DOKUS_OK && options[OPT_TAKE].seen)
    st = dokus_sync_client_lease_take (client, book, options[OPT_TAKE].value, &err);
  if (st == DOKUS_OK && options[OPT_RELEASE].seen)
    st = dokus_sync_client_lease_release (client, book, options[OPT_RELEASE].value, &err);
  dokus_sync_client_free (client);
  snprintf (json, sizeof json,
            "{\"pushed\": %" PRId64 ", \"pulled\": %" PRId64 ", \"applied\": %" PRId64
            ", \"waiting\": %" PRId64 ", \"head_seq\": %" PRId64 "}",
            stats.pushed, stats.pulled, stats.applied, stats.waiting, stats.head_seq);
  return dokus_cli_finish (&cmd, book, st, &err, st == DOKUS_OK ? strdup (json) : NULL,
                           print_summary);
}
