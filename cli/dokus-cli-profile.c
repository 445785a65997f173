/* dokus-cli-profile.c
 *
 * dokus-cli profile show|set|logo: the company profile after init (a new
 * address, IBAN or regime) and the logo printed on PDF invoices. The
 * rules live in libdokus (dokus-ledger.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static const char profile_usage[] = "profile show|set|logo BOOK ... (--help for each)";

static void
print_done (const cJSON *o)
{
  (void) o;
  printf ("Saved.\n");
}

/* {"logo": {"mime": ..., "bytes": N}} or {"logo": null} */
static char *
logo_json (DokusBook *book, DokusError *err, DokusStatus *st)
{
  unsigned char *data = NULL;
  size_t len = 0;
  const char *mime = NULL;
  char *out = malloc (128);

  *st = out ? dokus_profile_get_logo (book, &data, &len, &mime, err)
            : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (*st != DOKUS_OK)
    {
      free (out);
      return NULL;
    }
  if (data == NULL)
    snprintf (out, 128, "{\"logo\":null}");
  else
    snprintf (out, 128, "{\"logo\":{\"mime\":\"%s\",\"bytes\":%lu}}", mime ? mime : "",
              (unsigned long) len);
  free (data);
  return out;
}

int
dokus_cli_profile (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";
  DokusCliOption logo_opts[] = { { "--remove", false, NULL, false },
                                 { NULL, false, NULL, false } };
  DokusCliCommand show = { .usage = "profile show BOOK [--json]",
                           .help = "Shows the company profile (docs/formats.md, \"profile\").",
                           .min_args = 1, .max_args = 1 };
  DokusCliCommand set = { .usage = "profile set BOOK PROFILE.json [--json]",
                          .help = "Replaces the company profile with PROFILE.json (a whole "
                                  "profile, as for init).\nIssued documents keep the profile "
                                  "they were issued with.",
                          .min_args = 2, .max_args = 2 };
  DokusCliCommand logo = { .usage = "profile logo BOOK FILE|--remove [--json]",
                           .help = "Sets the logo printed on PDF invoices: a PNG or JPEG image "
                                   "of at most 512 KiB.\n--remove takes it off.",
                           .min_args = 1, .max_args = 2, .options = logo_opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if (strcmp (sub, "show") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&show, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_profile_get (book, &json, &err);
      return dokus_cli_finish (&show, book, st, &err, json, NULL);
    }
  if (strcmp (sub, "set") == 0)
    {
      char *input;
      if ((rc = dokus_cli_parse_and_open (&set, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      input = dokus_cli_read_file (set.args[1], &err);
      st = input ? dokus_profile_set (book, input, &err) : err.code;
      free (input);
      if (st == DOKUS_OK)
        st = dokus_profile_get (book, &json, &err);
      return dokus_cli_finish (&set, book, st, &err, json, print_done);
    }
  if (strcmp (sub, "logo") == 0)
    {
      unsigned char *data = NULL;
      size_t len = 0;
      if ((rc = dokus_cli_parse_and_open (&logo, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      if (logo_opts[0].seen == (logo.n_args > 1))
        {
          dokus_error_set (&err, DOKUS_ERR_INVALID, "logo", "give a FILE or --remove, not both");
          return dokus_cli_finish (&logo, book, err.code, &err, NULL, NULL);
        }
      if (logo.n_args > 1)
        {
          data = dokus_cli_read_binary (logo.args[1], "logo", DOKUS_LOGO_MAX, &len, &err);
          if (data == NULL)
            return dokus_cli_finish (&logo, book, err.code, &err, NULL, NULL);
        }
      st = dokus_profile_set_logo (book, data, len, &err);
      free (data);
      if (st == DOKUS_OK)
        json = logo_json (book, &err, &st);
      return dokus_cli_finish (&logo, book, st, &err, json, print_done);
    }
  fprintf (stderr, "dokus-cli: %s '%s'\nusage: dokus-cli %s\n",
           sub[0] ? "unknown command" : "missing command", sub, profile_usage);
  return 1;
}
