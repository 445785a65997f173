/* dokus-cli-sync.c
 *
 * dokus-cli sync BOOK: pushes the book's changes to a dokus-relay, pulls
 * and applies the other devices' (libdokus-sync, dokus-sync-client.h),
 * and, when an access point is configured (--ap-url or DOKUS_AP_URL),
 * sends the pending Peppol documents and imports the incoming invoices
 * (dokus-ap.h); the imported expenses go out in the same run. With
 * --enable, first turns sync on for a book that never synced and
 * registers it at the relay with this device as owner. --watch keeps
 * syncing (long-poll) until interrupted (Ctrl-C ends it cleanly).
 * Ctrl-C during the Peppol step stops between documents: the one in flight
 * finishes and is recorded, the rest stay pending for the next run, and
 * the command says what was sent and what is left and exits 130; a second
 * Ctrl-C ends the process at once (a document cut off mid-request is left
 * 'submitting', which the next run asks the access point about before
 * submitting it again).
 * Progress goes to stderr when it is a terminal; the summary to stdout
 * (--json: one object). When the relay's clock and ours differ by more
 * than five minutes nothing new is created here (no Peppol import):
 * SYNC.md's clock rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dokus/dokus-ap.h>
#include <dokus/dokus-sync-client.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

enum {
  OPT_RELAY,
  OPT_CA_FILE,
  OPT_ENABLE,
  OPT_QUIET,
  OPT_TAKE,
  OPT_RELEASE,
  OPT_WATCH,
  OPT_AP_URL,
  OPT_AP_CA_FILE,
  OPT_NO_PEPPOL,
  OPT_END
};

#define WATCH_WAIT_S 25
#define PEPPOL_EVERY_S 60

/* the client a signal handler cancels */
static DokusSyncClient *volatile running;
/* the first Ctrl-C's (or SIGTERM's) number; the Peppol step stops at the
 * next document */
static volatile sig_atomic_t interrupted;

typedef struct {
  DokusSyncRunStats total;
  DokusSyncRunStats last;
  DokusApSendSummary sent;
  DokusApFetchSummary fetched;
  bool peppol;        /* an access point is configured */
  bool clock_ok;
  bool peppol_cut;    /* Ctrl-C came during the Peppol step: nothing more sent or imported */
  int64_t rounds;
  const char *peppol_skipped; /* why Peppol was not done, or NULL */
} Outcome;

static void
interrupted_cb (int sig)
{
  interrupted = sig;
  dokus_sync_client_cancel (running);
  /* keep it simple: a second one ends the process the default way */
  signal (sig, SIG_DFL);
}

static bool
interrupted_stop (void *data)
{
  (void) data;
  return interrupted != 0;
}

static void
progress_cb (const char *stage, int64_t done, int64_t total, void *user)
{
  (void) user;
  if (total >= 0)
    fprintf (stderr, "\r%-8s %" PRId64 " / %" PRId64 "   ", stage, done, total);
  else
    fprintf (stderr, "\r%-8s %" PRId64 "   ", stage, done);
  fflush (stderr);
}

static void
add_stats (DokusSyncRunStats *to, const DokusSyncRunStats *s)
{
  to->pushed += s->pushed;
  to->pulled += s->pulled;
  to->applied += s->applied;
  to->retries += s->retries;
  to->sign_ins += s->sign_ins;
  to->refreshes += s->refreshes;
  to->snapshots += s->snapshots;
  to->waiting = s->waiting;
  to->lagging = s->lagging;
  to->head_seq = s->head_seq;
  to->clock_skew_ms = s->clock_skew_ms;
}

/* The access point, when one is configured; *ap NULL otherwise. */
static DokusStatus
open_access_point (const DokusCliOption *options, DokusApProvider **ap, DokusError *err)
{
  const char *url = dokus_cli_ap_url (options[OPT_AP_URL].value);

  *ap = NULL;
  if (options[OPT_NO_PEPPOL].seen || url == NULL || url[0] == '\0')
    return DOKUS_OK;
  return dokus_cli_ap_open (url, options[OPT_AP_CA_FILE].value, NULL, ap, err);
}

/* Sends what is pending and imports what came in; after Ctrl-C, sends no
 * further document and imports nothing. */
static DokusStatus
peppol_round (DokusBook *book, DokusApProvider *ap, bool all_now, Outcome *out, DokusError *err)
{
  DokusApSendOptions o = { .ignore_schedule = all_now, .stop = interrupted_stop };
  DokusApSendSummary sent = { 0 };
  DokusApFetchSummary fetched = { 0 };
  DokusStatus st = dokus_ap_send_pending (book, ap, &o, &sent, err);

  out->sent.left = sent.left;
  out->peppol_cut = out->peppol_cut || interrupted != 0;
  if (st == DOKUS_OK && !interrupted)
    st = dokus_ap_fetch_incoming (book, ap, &o, &fetched, err);
  out->sent.delivered += sent.delivered;
  out->sent.rejected += sent.rejected;
  out->sent.waiting = sent.waiting;
  out->sent.failed += sent.failed;
  out->fetched.imported += fetched.imported;
  out->fetched.duplicates += fetched.duplicates;
  out->fetched.busy += fetched.busy;
  out->fetched.failed += fetched.failed;
  return st;
}

/* One round: sync with the relay, then Peppol when due, then push what
 * Peppol imported. */
static DokusStatus
sync_round (DokusSyncClient *client, DokusBook *book, DokusApProvider *ap, unsigned wait_s,
            DokusSyncProgress progress, time_t *peppol_at, Outcome *out, DokusError *err)
{
  DokusStatus st = dokus_sync_client_run_wait (client, book, wait_s, progress, NULL, &out->last,
                                               err);
  size_t imported = out->fetched.imported;

  add_stats (&out->total, &out->last);
  out->rounds++;
  if (st != DOKUS_OK)
    return st;
  out->clock_ok = dokus_sync_client_clock_ok (&out->last);
  if (ap == NULL || time (NULL) - *peppol_at < PEPPOL_EVERY_S)
    return DOKUS_OK;
  if (!out->clock_ok)
    {
      out->peppol_skipped = "clock";
      return DOKUS_OK;
    }
  st = peppol_round (book, ap, *peppol_at == 0, out, err);
  *peppol_at = time (NULL);
  if (st == DOKUS_OK && out->fetched.imported > imported)
    {
      st = dokus_sync_client_run (client, book, progress, NULL, &out->last, err);
      add_stats (&out->total, &out->last);
    }
  return st;
}

static char *
summary_json (const Outcome *o)
{
  const DokusSyncRunStats *s = &o->total;
  cJSON *root = cJSON_CreateObject (), *p;
  char *text;

  cJSON_AddNumberToObject (root, "pushed", (double) s->pushed);
  cJSON_AddNumberToObject (root, "pulled", (double) s->pulled);
  cJSON_AddNumberToObject (root, "applied", (double) s->applied);
  cJSON_AddNumberToObject (root, "waiting", (double) s->waiting);
  cJSON_AddNumberToObject (root, "head_seq", (double) s->head_seq);
  cJSON_AddNumberToObject (root, "lagging_devices", (double) s->lagging);
  cJSON_AddNumberToObject (root, "retries", (double) s->retries);
  cJSON_AddNumberToObject (root, "snapshots", (double) s->snapshots);
  cJSON_AddNumberToObject (root, "rounds", (double) o->rounds);
  cJSON_AddNumberToObject (root, "clock_skew_s", (double) (s->clock_skew_ms / 1000));
  cJSON_AddBoolToObject (root, "clock_ok", o->clock_ok);
  p = cJSON_AddObjectToObject (root, "peppol");
  cJSON_AddBoolToObject (p, "configured", o->peppol);
  if (o->peppol_skipped != NULL)
    cJSON_AddStringToObject (p, "skipped", o->peppol_skipped);
  cJSON_AddNumberToObject (p, "delivered", (double) o->sent.delivered);
  cJSON_AddNumberToObject (p, "rejected", (double) o->sent.rejected);
  cJSON_AddNumberToObject (p, "waiting", (double) o->sent.waiting);
  cJSON_AddNumberToObject (p, "not_sent", (double) o->sent.failed);
  cJSON_AddBoolToObject (p, "interrupted", o->peppol_cut);
  cJSON_AddNumberToObject (p, "left", (double) o->sent.left);
  cJSON_AddNumberToObject (p, "imported", (double) o->fetched.imported);
  cJSON_AddNumberToObject (p, "already_imported", (double) o->fetched.duplicates);
  cJSON_AddNumberToObject (p, "not_imported", (double) o->fetched.failed);
  text = cJSON_PrintUnformatted (root);
  cJSON_Delete (root);
  return text;
}

static long long
count_of (const cJSON *o, const char *key)
{
  return (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, key));
}

static void
print_summary (const cJSON *o)
{
  const cJSON *p = cJSON_GetObjectItemCaseSensitive (o, "peppol");

  printf ("pushed %lld, pulled %lld, applied %lld, waiting %lld; relay head %lld\n",
          count_of (o, "pushed"), count_of (o, "pulled"), count_of (o, "applied"),
          count_of (o, "waiting"), count_of (o, "head_seq"));
  if (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (p, "configured")))
    printf ("peppol: %lld delivered, %lld rejected, %lld waiting for a receipt, %lld not sent; "
            "%lld invoices imported\n",
            count_of (p, "delivered"), count_of (p, "rejected"), count_of (p, "waiting"),
            count_of (p, "not_sent"), count_of (p, "imported"));
}

/* Ctrl-C cut the Peppol step short: what went out and what did not. */
static void
print_interrupted (const Outcome *o)
{
  fprintf (stderr,
           "dokus-cli: interrupted: %lu Peppol documents sent (%lu delivered, %lu waiting for a "
           "receipt, %lu rejected), %lu left pending: run dokus-cli sync again to send them\n",
           (unsigned long) (o->sent.delivered + o->sent.waiting + o->sent.rejected),
           (unsigned long) o->sent.delivered, (unsigned long) o->sent.waiting,
           (unsigned long) o->sent.rejected, (unsigned long) o->sent.left);
}

/* What is wrong after a round that went through, or DOKUS_OK. */
static DokusStatus
judge (const Outcome *o, DokusError *err)
{
  if (!o->clock_ok)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "clock",
                            "your clock is %" PRId64 " minutes off the relay's: changes were "
                            "pushed and pulled, but nothing new is made here (no Peppol import) "
                            "until it is set right",
                            (o->total.clock_skew_ms < 0 ? -o->total.clock_skew_ms
                                                        : o->total.clock_skew_ms)
                              / 60000);
  if (o->sent.rejected > 0 || o->sent.failed > 0 || o->fetched.failed > 0)
    return dokus_error_set (err, DOKUS_ERR_IO, "peppol",
                            "%lu Peppol documents rejected, %lu not sent, %lu incoming not "
                            "imported (dokus-cli peppol status BOOK says why)",
                            (unsigned long) o->sent.rejected, (unsigned long) o->sent.failed,
                            (unsigned long) o->fetched.failed);
  return DOKUS_OK;
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
    [OPT_WATCH] = { "--watch", false, NULL, false },
    [OPT_AP_URL] = { "--ap-url", true, NULL, false },
    [OPT_AP_CA_FILE] = { "--ap-ca-file", true, NULL, false },
    [OPT_NO_PEPPOL] = { "--no-peppol", false, NULL, false },
    [OPT_END] = { NULL, false, NULL, false },
  };
  DokusCliCommand cmd = {
    .usage = "sync BOOK --relay URL [--ca-file FILE] [--enable] [--watch] [--quiet]\n"
             "       [--ap-url URL] [--ap-ca-file FILE] [--no-peppol]\n"
             "       [--take-lease SERIES | --release-lease SERIES] [--json]",
    .help = "Pushes this book's changes to the relay, then pulls and applies the other\n"
            "devices' changes; with an access point (--ap-url or DOKUS_AP_URL, its token\n"
            "from DOKUS_AP_TOKEN) also sends the pending Peppol documents and imports the\n"
            "incoming invoices. --watch keeps syncing until Ctrl-C. --enable turns sync on\n"
            "for a book that never synced and registers it at the relay, this device its\n"
            "owner. --take-lease invoice/2026 makes this device the one that numbers in\n"
            "that series (when its holder has released it); --release-lease hands it back.\n"
            "The relay URL may also come from DOKUS_RELAY_URL. Exits 1 when the clock is\n"
            "more than 5 minutes off the relay's or a Peppol document failed. Ctrl-C while\n"
            "Peppol documents go out stops after the one in flight, says what is left and\n"
            "exits 130; the next sync sends the rest.",
    .min_args = 1,
    .max_args = 1,
    .options = options,
  };
  DokusBook *book = NULL;
  DokusSyncClient *client = NULL;
  DokusApProvider *ap = NULL;
  DokusSyncProgress progress = NULL;
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  Outcome out = { .clock_ok = true };
  time_t peppol_at = 0;
  const char *relay;
  char *json = NULL;
  int rc = dokus_cli_parse_and_open (&cmd, argc - 1, argv + 1, &book);

  if (rc >= 0)
    return rc;
  if (!options[OPT_QUIET].seen && dokus_platform_stderr_is_terminal ())
    progress = progress_cb;
  relay = options[OPT_RELAY].seen ? options[OPT_RELAY].value : getenv ("DOKUS_RELAY_URL");
  if (relay == NULL || relay[0] == '\0')
    st = dokus_error_set (&err, DOKUS_ERR_INVALID, "relay",
                          "give the relay's URL with --relay or DOKUS_RELAY_URL");
  if (st == DOKUS_OK && options[OPT_WATCH].seen
      && (options[OPT_TAKE].seen || options[OPT_RELEASE].seen))
    st = dokus_error_set (&err, DOKUS_ERR_INVALID, "watch",
                          "--watch does not go with --take-lease or --release-lease");
  if (st == DOKUS_OK)
    st = dokus_sync_client_new (relay, options[OPT_CA_FILE].value, &client, &err);
  if (st == DOKUS_OK)
    st = open_access_point (options, &ap, &err);
  out.peppol = ap != NULL;
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
    {
      running = client;
      interrupted = 0;
      signal (SIGINT, interrupted_cb);
      signal (SIGTERM, interrupted_cb);
      st = sync_round (client, book, ap, 0, progress, &peppol_at, &out, &err);
    }
  while (options[OPT_WATCH].seen && !dokus_sync_client_cancelled (client)
         && (st == DOKUS_OK || st == DOKUS_ERR_IO))
    {
      if (st != DOKUS_OK)
        fprintf (stderr, "\ndokus-cli: %s (retrying)\n", err.message);
      else if (!cmd.json && out.last.pushed + out.last.pulled > 0)
        {
          printf ("pushed %" PRId64 ", pulled %" PRId64 ", relay head %" PRId64 "\n",
                  out.last.pushed, out.last.pulled, out.last.head_seq);
          fflush (stdout);
        }
      st = sync_round (client, book, ap, WATCH_WAIT_S, progress, &peppol_at, &out, &err);
    }
  if (dokus_sync_client_cancelled (client))
    st = DOKUS_OK; /* Ctrl-C: a clean end; everything applied is committed */
  running = NULL;
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  if (progress != NULL)
    fputc ('\n', stderr);
  if (out.peppol_cut)
    print_interrupted (&out);
  if (st == DOKUS_OK && !interrupted && options[OPT_TAKE].seen)
    st = dokus_sync_client_lease_take (client, book, options[OPT_TAKE].value, &err);
  if (st == DOKUS_OK && !interrupted && options[OPT_RELEASE].seen)
    st = dokus_sync_client_lease_release (client, book, options[OPT_RELEASE].value, &err);
  dokus_sync_client_free (client);
  dokus_ap_provider_free (ap);
  if (st == DOKUS_OK && (json = summary_json (&out)) == NULL)
    st = dokus_error_set (&err, DOKUS_ERR_NOMEM, "", "out of memory");
  rc = dokus_cli_finish (&cmd, book, st, &err, json, print_summary);
  if (rc == 0 && out.peppol_cut)
    return 128 + interrupted; /* 130 for SIGINT, as a shell reports a command Ctrl-C ended */
  if (rc == 0 && judge (&out, &err) != DOKUS_OK)
    {
      fprintf (stderr, "dokus-cli: %s\n", err.message);
      rc = 1;
    }
  return rc;
}
