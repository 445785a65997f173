/* dokus-cli-peppol.c
 *
 * dokus-cli peppol send|status|fetch: sending issued documents through a
 * Peppol access point and taking in the invoices it received for us, with
 * libdokus-sync (dokus-ap.h). The access point comes from --ap-url (or
 * DOKUS_AP_URL), its API token from DOKUS_AP_TOKEN or the terminal, never
 * from the command line (which other users can see).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dokus/dokus-ap.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static const char peppol_usage[] =
  "usage: dokus-cli peppol send BOOK [NUMBER...] [--due] [AP OPTIONS] [--json]\n"
  "       dokus-cli peppol status BOOK [NUMBER] [--json]\n"
  "       dokus-cli peppol fetch BOOK [AP OPTIONS] [--json]\n"
  "AP OPTIONS: --ap-url URL (or DOKUS_AP_URL), --ca-file FILE, --timeout SECONDS;\n"
  "the access point's API token comes from DOKUS_AP_TOKEN or the terminal.\n";

enum { OPT_AP_URL, OPT_CA_FILE, OPT_TIMEOUT, OPT_DUE, OPT_END };

#define AP_OPTIONS                                                                       \
  {                                                                                      \
    [OPT_AP_URL] = { "--ap-url", true, NULL, false },                                    \
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },                                  \
    [OPT_TIMEOUT] = { "--timeout", true, NULL, false },                                  \
    [OPT_DUE] = { "--due", false, NULL, false }, [OPT_END] = { NULL, false, NULL, false } \
  }

/* The events of a run, for the output. */
static void
collect_event (const DokusApEvent *ev, void *data)
{
  cJSON *events = data, *e = cJSON_CreateObject ();

  if (e == NULL)
    return;
  cJSON_AddStringToObject (e, "number", ev->number ? ev->number : "");
  if (ev->state != 0)
    cJSON_AddStringToObject (e, "state", dokus_peppol_state_name (ev->state));
  if (ev->message != NULL)
    cJSON_AddStringToObject (e, "message", ev->message);
  else
    cJSON_AddNullToObject (e, "message");
  cJSON_AddItemToArray (events, e);
}

/* Builds the HTTP provider from the options and the environment. */
static DokusStatus
open_provider (const DokusCliOption *opts, DokusApProvider **ap, DokusError *err)
{
  return dokus_cli_ap_open (dokus_cli_ap_url (opts[OPT_AP_URL].value), opts[OPT_CA_FILE].value,
                            opts[OPT_TIMEOUT].value, ap, err);
}

static void
print_transmissions (const cJSON *o)
{
  const cJSON *t, *e;

  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "events"))
    {
      const char *msg = dokus_cli_str (e, "message");
      printf ("%s: %s%s%s\n", dokus_cli_str (e, "number"),
              dokus_cli_str (e, "state")[0] ? dokus_cli_str (e, "state") : "imported",
              msg[0] ? ": " : "", msg);
    }
  if (cJSON_GetObjectItem (o, "events") != NULL)
    return;
  cJSON_ArrayForEach (t, cJSON_GetObjectItem (o, "transmissions"))
    {
      const char *why = dokus_cli_str (t, "reason")[0] ? dokus_cli_str (t, "reason")
                                                       : dokus_cli_str (t, "last_error");
      printf ("%-16s %-10s %-24s attempts %d%s%s\n", dokus_cli_str (t, "number"),
              dokus_cli_str (t, "state"), dokus_cli_str (t, "receiver_id"),
              cJSON_GetObjectItem (t, "attempts") ? cJSON_GetObjectItem (t, "attempts")->valueint
                                                  : 0,
              why[0] ? "  " : "", why);
    }
}

static void
print_fetch (const cJSON *o)
{
  const cJSON *e;

  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "events"))
    {
      const char *msg = dokus_cli_str (e, "message");
      printf ("%s: %s\n", dokus_cli_str (e, "number"), msg[0] ? msg : "imported");
    }
  printf ("%d imported, %d already imported, %d busy elsewhere, %d failed\n",
          cJSON_GetObjectItem (o, "imported")->valueint,
          cJSON_GetObjectItem (o, "duplicates")->valueint,
          cJSON_GetObjectItem (o, "busy")->valueint, cJSON_GetObjectItem (o, "failed")->valueint);
}

static int
cmd_send (int argc, char **argv)
{
  DokusCliOption opts[] = AP_OPTIONS;
  DokusCliCommand cmd = { .usage = "peppol send BOOK [NUMBER...] [--due] [--ap-url URL] "
                                   "[--ca-file FILE] [--timeout SECONDS] [--json]",
                          .help = "Queues the issued documents NUMBER... for Peppol (each must "
                                  "export and validate),\nthen sends every pending one through "
                                  "the access point and records its receipt.\nWith --due only "
                                  "those whose next attempt is due (for scheduled runs).\nExits "
                                  "1 when a document was rejected or could not be sent.",
                          .min_args = 1, .max_args = DOKUS_CLI_MAX_ARGS, .options = opts };
  DokusBook *book = NULL;
  DokusApProvider *ap = NULL;
  DokusError err = { 0 };
  DokusApSendSummary sum = { 0 };
  cJSON *events = NULL, *root = NULL, *status = NULL, *s;
  char *json = NULL, *status_json = NULL;
  DokusStatus st;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  /* a wrong setting is reported before anything is queued */
  st = open_provider (opts, &ap, &err);
  for (int i = 1; st == DOKUS_OK && i < cmd.n_args; i++)
    st = dokus_peppol_outbox_queue (book, cmd.args[i], (int64_t) time (NULL), NULL, &err);
  if (st == DOKUS_OK && (events = cJSON_CreateArray ()) == NULL)
    st = dokus_error_set (&err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  if (st == DOKUS_OK)
    {
      DokusApSendOptions o = { .progress = collect_event, .progress_data = events,
                               .ignore_schedule = !opts[OPT_DUE].seen };
      st = dokus_ap_send_pending (book, ap, &o, &sum, &err);
    }
  if (st == DOKUS_OK)
    st = dokus_peppol_outbox_status_json (book, NULL, &status_json, &err);
  if (st == DOKUS_OK)
    {
      root = cJSON_CreateObject ();
      status = cJSON_Parse (status_json);
      s = cJSON_AddObjectToObject (root, "summary");
      cJSON_AddNumberToObject (s, "delivered", (double) sum.delivered);
      cJSON_AddNumberToObject (s, "rejected", (double) sum.rejected);
      cJSON_AddNumberToObject (s, "waiting", (double) sum.waiting);
      cJSON_AddNumberToObject (s, "failed", (double) sum.failed);
      cJSON_AddItemToObject (root, "events", events);
      events = NULL;
      cJSON_AddItemToObject (root, "transmissions",
                             cJSON_DetachItemFromObject (status, "transmissions"));
      json = cJSON_PrintUnformatted (root);
      if (json == NULL)
        st = dokus_error_set (&err, DOKUS_ERR_NOMEM, NULL, "out of memory");
    }
  cJSON_Delete (status);
  cJSON_Delete (root);
  cJSON_Delete (events);
  free (status_json);
  dokus_ap_provider_free (ap);
  rc = dokus_cli_finish (&cmd, book, st, &err, json, print_transmissions);
  if (rc == 0 && (sum.rejected > 0 || sum.failed > 0))
    {
      fprintf (stderr, "dokus-cli: %lu rejected, %lu not sent (see the reasons above)\n",
               (unsigned long) sum.rejected, (unsigned long) sum.failed);
      rc = 1;
    }
  return rc;
}

static int
cmd_status (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "peppol status BOOK [NUMBER] [--json]",
                          .help = "Shows where the Peppol transmission of NUMBER, or of every "
                                  "queued document, stands:\nqueued, submitting, submitted, "
                                  "delivered or rejected (with the access point's reason).",
                          .min_args = 1, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  st = dokus_peppol_outbox_status_json (book, cmd.n_args > 1 ? cmd.args[1] : NULL, &json, &err);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_transmissions);
}

static int
cmd_fetch (int argc, char **argv)
{
  DokusCliOption opts[] = AP_OPTIONS;
  DokusCliCommand cmd = { .usage = "peppol fetch BOOK [--ap-url URL] [--ca-file FILE] "
                                   "[--timeout SECONDS] [--json]",
                          .help = "Imports the documents the access point received for us as "
                                  "expenses, each exactly once,\nand acknowledges them. Exits 1 "
                                  "when one could not be imported (it stays at the\naccess "
                                  "point).",
                          .min_args = 1, .max_args = 1, .options = opts };
  DokusBook *book = NULL;
  DokusApProvider *ap = NULL;
  DokusError err = { 0 };
  DokusApFetchSummary sum = { 0 };
  cJSON *events = NULL, *root = NULL;
  char *json = NULL;
  DokusStatus st;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  st = open_provider (opts, &ap, &err);
  if (st == DOKUS_OK && (events = cJSON_CreateArray ()) == NULL)
    st = dokus_error_set (&err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  if (st == DOKUS_OK)
    {
      DokusApSendOptions o = { .progress = collect_event, .progress_data = events };
      st = dokus_ap_fetch_incoming (book, ap, &o, &sum, &err);
    }
  if (st == DOKUS_OK)
    {
      root = cJSON_CreateObject ();
      cJSON_AddNumberToObject (root, "imported", (double) sum.imported);
      cJSON_AddNumberToObject (root, "duplicates", (double) sum.duplicates);
      cJSON_AddNumberToObject (root, "busy", (double) sum.busy);
      cJSON_AddNumberToObject (root, "failed", (double) sum.failed);
      cJSON_AddItemToObject (root, "events", events);
      events = NULL;
      if ((json = cJSON_PrintUnformatted (root)) == NULL)
        st = dokus_error_set (&err, DOKUS_ERR_NOMEM, NULL, "out of memory");
    }
  cJSON_Delete (root);
  cJSON_Delete (events);
  dokus_ap_provider_free (ap);
  rc = dokus_cli_finish (&cmd, book, st, &err, json, print_fetch);
  if (rc == 0 && sum.failed > 0)
    {
      fprintf (stderr, "dokus-cli: %lu incoming documents could not be imported\n",
               (unsigned long) sum.failed);
      rc = 1;
    }
  return rc;
}

int
dokus_cli_peppol (int argc, char **argv)
{
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      fputs (peppol_usage, argc < 2 ? stderr : stdout);
      return argc < 2 ? 1 : 0;
    }
  if (strcmp (argv[1], "send") == 0)
    return cmd_send (argc - 2, argv + 2);
  if (strcmp (argv[1], "status") == 0)
    return cmd_status (argc - 2, argv + 2);
  if (strcmp (argv[1], "fetch") == 0)
    return cmd_fetch (argc - 2, argv + 2);
  fprintf (stderr, "dokus-cli: unknown command 'peppol %s'\n%s", argv[1], peppol_usage);
  return 1;
}
