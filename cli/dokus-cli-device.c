/* dokus-cli-device.c
 *
 * dokus-cli device list|pair|join|revoke: the devices (and accountants)
 * whose changes a synced book accepts; pairing a new one with a short
 * code (the owner runs `pair`, the new device `join`); revoking one
 * (dokus-sync-pair.h, docs/sync.md "Pairing and revocation").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <dokus/dokus-sync-pair.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static const char device_usage[]
  = "usage: dokus-cli device list BOOK [--json]\n"
    "       dokus-cli device pair BOOK --relay URL [--role device|accountant] [--yes]\n"
    "                             [--timeout SECONDS] [--ca-file FILE]\n"
    "       dokus-cli device join NEWBOOK --relay URL --code CODE [--name NAME]\n"
    "                             [--timeout SECONDS] [--ca-file FILE]\n"
    "       dokus-cli device revoke BOOK DEVICE_ID --relay URL [--ca-file FILE]\n"
    "       dokus-cli device series BOOK LETTERS|off --relay URL [--year YYYY]\n";

/* the options every relay command has come first; two of its own follow */
enum { OPT_RELAY, OPT_CA_FILE, OPT_TIMEOUT, OPT_OWN1, OPT_OWN2, OPT_END };
#define OPT_ROLE OPT_OWN1 /* pair */
#define OPT_YES OPT_OWN2
#define OPT_CODE OPT_OWN1 /* join */
#define OPT_NAME OPT_OWN2

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

static int
cmd_list (int argc, char **argv)
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
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

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

/* the relay client of --relay URL (or DOKUS_RELAY_URL) and --ca-file */
static DokusStatus
relay_client (const DokusCliOption *options, DokusSyncClient **client, DokusError *err)
{
  const char *relay
    = options[OPT_RELAY].seen ? options[OPT_RELAY].value : getenv ("DOKUS_RELAY_URL");

  *client = NULL;
  if (relay == NULL || relay[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "relay",
                            "give the relay's URL with --relay or DOKUS_RELAY_URL");
  return dokus_sync_client_new (relay, options[OPT_CA_FILE].value, client, err);
}

static unsigned
timeout_of (const DokusCliOption *options)
{
  long s = options[OPT_TIMEOUT].seen ? strtol (options[OPT_TIMEOUT].value, NULL, 10) : 0;
  return s > 0 && s < DOKUS_SYNC_PAIR_TTL_S ? (unsigned) s : DOKUS_SYNC_PAIR_TTL_S;
}

/* "waiting: 9:42 left" on a terminal */
static void
pair_progress_cb (const char *stage, int64_t done, int64_t total, void *user)
{
  (void) user;
  if (!dokus_platform_stderr_is_terminal ())
    return;
  if (strcmp (stage, "pair") == 0 && total > 0)
    fprintf (stderr, "\rwaiting for the other device: %" PRId64 ":%02" PRId64 " left   ",
             (total - done) / 60, (total - done) % 60);
  else
    fprintf (stderr, "\r%s: %" PRId64 "            ", stage, done);
  fflush (stderr);
}

static bool
confirm_cb (const DokusSyncPairRequest *r, void *user)
{
  bool yes = *(const bool *) user;
  char answer[16] = "";

  fprintf (stderr, "\n\"%s\" (device %s, key %s) asks to join as %s.\n", r->name, r->device_id,
           r->fingerprint, r->role);
  if (yes)
    return true;
  fprintf (stderr, "Check that the other device shows key %s. Accept? [y/N] ", r->fingerprint);
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return false;
  return answer[0] == 'y' || answer[0] == 'Y';
}

static void
print_paired (const cJSON *o)
{
  printf ("Paired %s as %s; it now holds this book's key.\n", dokus_cli_str (o, "device_id"),
          dokus_cli_str (o, "role"));
}

static int
cmd_pair (int argc, char **argv)
{
  DokusCliOption options[] = {
    [OPT_RELAY] = { "--relay", true, NULL, false },
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },
    [OPT_TIMEOUT] = { "--timeout", true, NULL, false },
    [OPT_ROLE] = { "--role", true, NULL, false },
    [OPT_YES] = { "--yes", false, NULL, false },
    [OPT_END] = { NULL, false, NULL, false },
  };
  DokusCliCommand cmd = {
    .usage = "device pair BOOK --relay URL [--role device|accountant] [--yes]\n"
             "       [--timeout SECONDS] [--ca-file FILE]",
    .help = "Shows a pairing code (10 minutes, one use) and waits for the new device to\n"
            "run `dokus-cli device join NEWBOOK --relay URL --code CODE`. Its name and key\n"
            "fingerprint are shown to confirm (--yes accepts without asking); accepted, it\n"
            "becomes a member and receives the book's key. Owner device only.",
    .min_args = 1,
    .max_args = 1,
    .options = options,
  };
  const char *role;
  char code[DOKUS_SYNC_PAIR_CODE_TEXT], dev[DOKUS_SYNC_ID_TEXT] = "", json[256];
  DokusSyncPairing *pairing = NULL;
  DokusSyncClient *client = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  bool yes;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  /* --yes is the only way without a terminal to ask on */
  yes = options[OPT_YES].seen;
  role = options[OPT_ROLE].seen ? options[OPT_ROLE].value : "device";
  st = relay_client (options, &client, &err);
  if (st == DOKUS_OK && !yes && !dokus_platform_stderr_is_terminal ())
    st = dokus_error_set (&err, DOKUS_ERR_INVALID, "yes",
                          "without a terminal to confirm on, accept with --yes");
  if (st == DOKUS_OK)
    st = dokus_sync_pair_offer (client, book, role, &pairing, code, &err);
  if (st == DOKUS_OK)
    {
      /* the code first, at once: the user reads it off, or a script does */
      fprintf (cmd.json ? stderr : stdout,
               "Pairing code: %s  (valid %d minutes, once)\n"
               "On the new device: dokus-cli device join NEWBOOK --relay URL --code %s\n",
               code, DOKUS_SYNC_PAIR_TTL_S / 60, code);
      fflush (cmd.json ? stderr : stdout);
      st = dokus_sync_pair_wait (client, book, pairing, timeout_of (options), confirm_cb, &yes,
                                 pair_progress_cb, NULL, dev, &err);
      if (dokus_platform_stderr_is_terminal ())
        fputc ('\n', stderr);
    }
  dokus_sync_pairing_free (pairing);
  dokus_sync_client_free (client);
  snprintf (json, sizeof json, "{\"device_id\": \"%s\", \"role\": \"%s\"}", dev, role);
  return dokus_cli_finish (&cmd, book, st, &err, st == DOKUS_OK ? strdup (json) : NULL,
                           print_paired);
}

static void
print_joined (const cJSON *o)
{
  const char *recovery = dokus_cli_str (o, "recovery_key");
  printf ("Joined book %s as %s.\n", dokus_cli_str (o, "book_id"), dokus_cli_str (o, "role"));
  if (recovery[0] != '\0')
    printf ("\nRecovery key of %s (shown once; keep it on paper, away from the computer):\n\n"
            "  %s\n",
            dokus_cli_str (o, "book"), recovery);
}

/* NEWBOOK: made now (its own passphrase), or an empty one made before */
static DokusStatus
open_or_create (DokusCliCommand *cmd, const char *path, DokusBook **book, char **recovery,
                DokusError *err)
{
  char pass[DOKUS_CLI_SECRET_MAX];
  DokusBookOptions opts = { 0 };
  bool exists = dokus_platform_path_exists (path);
  DokusStatus st;

  if (getenv ("DOKUS_KDF") && strcmp (getenv ("DOKUS_KDF"), "minimum") == 0)
    opts.kdf_cost = DOKUS_KDF_MINIMUM;
  st = dokus_cli_passphrase (cmd, !exists, pass, err);
  if (st == DOKUS_OK)
    st = exists ? dokus_book_open (path, pass, book, err)
                : dokus_book_create (path, pass, &opts, recovery, book, err);
  sodium_memzero (pass, sizeof pass);
  return st;
}

static int
cmd_join (int argc, char **argv)
{
  DokusCliOption options[] = {
    [OPT_RELAY] = { "--relay", true, NULL, false },
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },
    [OPT_TIMEOUT] = { "--timeout", true, NULL, false },
    [OPT_CODE] = { "--code", true, NULL, false },
    [OPT_NAME] = { "--name", true, NULL, false },
    [OPT_END] = { NULL, false, NULL, false },
  };
  DokusCliCommand cmd = {
    .usage = "device join NEWBOOK --relay URL --code CODE [--name NAME]\n"
             "       [--timeout SECONDS] [--ca-file FILE]",
    .help = "Joins the book whose owner device shows CODE (`dokus-cli device pair`):\n"
            "creates NEWBOOK with its own passphrase (or takes an empty one made\n"
            "before), receives the book's key sealed to this device's key and pulls the\n"
            "book's history. Compare the key fingerprint printed here with the one the\n"
            "owner device shows.",
    .min_args = 1,
    .max_args = 1,
    .options = options,
  };
  char fp[17] = "", book_id[DOKUS_SYNC_ID_TEXT] = "";
  char *recovery = NULL, *out = NULL;
  DokusSyncClient *client = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  const char *role = "";
  int rc = dokus_cli_parse (&cmd, argc, argv);

  if (rc >= 0)
    return rc;
  if (!options[OPT_CODE].seen || !dokus_sync_pair_code_valid (options[OPT_CODE].value))
    st = dokus_error_set (&err, DOKUS_ERR_INVALID, "code",
                          "--code CODE is required: the 12 letters and digits the owner device "
                          "shows (ABCD-EFGH-JKLM)");
  if (st == DOKUS_OK)
    st = relay_client (options, &client, &err);
  if (st == DOKUS_OK)
    st = open_or_create (&cmd, cmd.args[0], &book, &recovery, &err);
  if (st == DOKUS_OK)
    st = dokus_sync_pair_fingerprint (book, fp, &err);
  if (st == DOKUS_OK)
    {
      fprintf (stderr, "This device's key: %s (the owner device shows it to confirm)\n", fp);
      st = dokus_sync_pair_join (client, book, options[OPT_CODE].value,
                                 options[OPT_NAME].value, timeout_of (options), pair_progress_cb,
                                 NULL, &err);
      if (dokus_platform_stderr_is_terminal ())
        fputc ('\n', stderr);
    }
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, NULL, NULL, &err);
  if (st == DOKUS_OK)
    role = dokus_sync_role (book);
  dokus_sync_client_free (client);
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "book", cmd.args[0]);
      cJSON_AddStringToObject (o, "book_id", book_id);
      cJSON_AddStringToObject (o, "role", role ? role : "");
      cJSON_AddStringToObject (o, "fingerprint", fp);
      cJSON_AddStringToObject (o, "recovery_key", recovery ? recovery : "");
      out = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  dokus_secret_free (recovery);
  if (st != DOKUS_OK && book != NULL)
    fprintf (stderr, "dokus-cli: %s stays, empty: run the join again with a new code\n",
             cmd.args[0]);
  return dokus_cli_finish (&cmd, book, st, &err, out, print_joined);
}

static void
print_revoked (const cJSON *o)
{
  printf ("Revoked %s. The book's key is now of epoch %lld: the other devices pick it up at\n"
          "their next sync. What the revoked device held before, it keeps. The invoice series\n"
          "it held are free: another device takes one with `dokus-cli sync BOOK --take-lease\n"
          "SERIES` and numbers on after the last number the relay received; numbers the\n"
          "revoked device issued but never synced are not in the book.\n",
          dokus_cli_str (o, "device_id"),
          (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, "key_epoch")));
}

static int
cmd_revoke (int argc, char **argv)
{
  DokusCliOption options[] = {
    [OPT_RELAY] = { "--relay", true, NULL, false },
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },
    [OPT_TIMEOUT] = { NULL, false, NULL, false }, /* the end */
  };
  DokusCliCommand cmd = {
    .usage = "device revoke BOOK DEVICE_ID --relay URL [--ca-file FILE]",
    .help = "Revokes a device or accountant (owner device only): the relay refuses it from\n"
            "now on, the other devices stop taking its later changes, and the book's key is\n"
            "replaced so that it cannot read what is written from now on. The series leases it\n"
            "held are freed in the same step, so another device can take them and number on.",
    .min_args = 2,
    .max_args = 2,
    .options = options,
  };
  DokusSyncClient *client = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  uint32_t epoch = 0;
  char json[160];
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  st = relay_client (options, &client, &err);
  if (st == DOKUS_OK)
    st = dokus_sync_client_revoke (client, book, cmd.args[1], &epoch, &err);
  dokus_sync_client_free (client);
  snprintf (json, sizeof json, "{\"device_id\": \"%.36s\", \"revoked\": true, \"key_epoch\": %lu}",
            cmd.args[1], (unsigned long) epoch);
  return dokus_cli_finish (&cmd, book, st, &err, st == DOKUS_OK ? strdup (json) : NULL,
                           print_revoked);
}

static void
print_series (const cJSON *o)
{
  const char *letters = dokus_cli_str (o, "own_series");
  if (letters[0] == '\0')
    printf ("Own series off: this device numbers only with the default series' lease.\n");
  else
    printf ("Own series %s: without the default series' lease this device numbers\n"
            "%lld-%s-0001, CN-%lld-%s-0001 and so on.\n",
            letters, (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, "year")),
            letters, (long long) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, "year")),
            letters);
}

static int
cmd_series (int argc, char **argv)
{
  DokusCliOption options[] = {
    [OPT_RELAY] = { "--relay", true, NULL, false },
    [OPT_CA_FILE] = { "--ca-file", true, NULL, false },
    [OPT_TIMEOUT] = { "--year", true, NULL, false },
    [OPT_OWN1] = { NULL, false, NULL, false },
  };
  DokusCliCommand cmd = {
    .usage = "device series BOOK LETTERS|off --relay URL [--year YYYY] [--ca-file FILE]",
    .help = "Enables this device's own invoice series (LETTERS B: 2026-B-0001), used when it\n"
            "does not hold the lease of the default series: takes the leases of\n"
            "invoice/YYYY/B and credit_note/YYYY/B (this year unless --year) at the relay,\n"
            "so that no other device numbers in them. `off` stops using them.",
    .min_args = 2,
    .max_args = 2,
    .options = options,
  };
  const char *letters;
  DokusSyncClient *client = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  char json[128];
  int year;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  letters = strcmp (cmd.args[1], "off") == 0 ? NULL : cmd.args[1];
  year = options[OPT_TIMEOUT].seen ? atoi (options[OPT_TIMEOUT].value) : dokus_date_today ().year;
  if (letters != NULL)
    {
      const char *types[] = { "invoice", "credit_note" };
      st = dokus_sync_own_series_set (book, letters, &err); /* checks the letters first */
      if (st == DOKUS_OK)
        st = relay_client (options, &client, &err);
      for (int i = 0; st == DOKUS_OK && i < 2; i++)
        {
          char series[64];
          snprintf (series, sizeof series, "%s/%04d/%s", types[i], year, letters);
          st = dokus_sync_client_lease_take (client, book, series, &err);
        }
      /* not leased: not used (the error above is what to report) */
      if (st != DOKUS_OK && dokus_sync_own_series_set (book, NULL, NULL) != DOKUS_OK)
        fprintf (stderr, "dokus-cli: the own series stays set; run `device series BOOK off`\n");
    }
  else
    st = dokus_sync_own_series_set (book, NULL, &err);
  dokus_sync_client_free (client);
  snprintf (json, sizeof json, "{\"own_series\": \"%s\", \"year\": %d}",
            letters && st == DOKUS_OK ? letters : "", year);
  return dokus_cli_finish (&cmd, book, st, &err, st == DOKUS_OK ? strdup (json) : NULL,
                           print_series);
}

int
dokus_cli_device (int argc, char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : "";

  if (strcmp (sub, "list") == 0)
    return cmd_list (argc - 2, argv + 2);
  if (strcmp (sub, "pair") == 0)
    return cmd_pair (argc - 2, argv + 2);
  if (strcmp (sub, "join") == 0)
    return cmd_join (argc - 2, argv + 2);
  if (strcmp (sub, "revoke") == 0)
    return cmd_revoke (argc - 2, argv + 2);
  if (strcmp (sub, "series") == 0)
    return cmd_series (argc - 2, argv + 2);
  fputs (device_usage, strcmp (sub, "--help") != 0 ? stderr : stdout);
  return strcmp (sub, "--help") == 0 ? 0 : 1;
}
