/* dokus-cli-ubl-validate.c
 *
 * dokus-cli ubl validate FILE... [--json]: checks Peppol BIS Billing 3.0
 * documents with libdokus' native validator (UBL 2.1 structure, EN 16931
 * and Peppol rules) and lists the findings per file with the rule release.
 * Exit 0 when no file has a fatal finding, 1 when one has or a file cannot
 * be read or parsed. With --json it prints one object:
 * {"release": ..., "files": [{"file", "valid", "findings": [...]}]}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static const char validate_usage[] =
  "usage: dokus-cli ubl validate FILE... [--json]\n\n"
  "Checks UBL invoices and credit notes as the Peppol network does: the UBL 2.1\n"
  "structure, the EN 16931 business rules and the Peppol BIS Billing 3.0 rules.\n"
  "Each finding shows its rule id, flag (fatal or warning), location and message.\n"
  "Exit status 0 when no file has a fatal finding, else 1. FILE - reads stdin.\n";

/* One file: its report as a cJSON object (findings, or an error). */
static cJSON *
validate_file (const char *path, bool *ok)
{
  DokusError err = { 0 };
  DokusUblReport *report = NULL;
  char *xml = dokus_cli_read_file (path, &err);
  cJSON *o;

  if (xml != NULL
      && dokus_ubl_validate (xml, strlen (xml), &report, &err) == DOKUS_OK)
    {
      char *json = dokus_ubl_report_to_json (report, path);
      free (xml);
      *ok = dokus_ubl_report_valid (report);
      dokus_ubl_report_free (report);
      o = json ? cJSON_Parse (json) : NULL;
      free (json);
      return o;
    }
  free (xml);
  *ok = false;
  o = cJSON_CreateObject ();
  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject (o, "file", path);
  cJSON_AddBoolToObject (o, "valid", false);
  {
    cJSON *e = cJSON_AddObjectToObject (o, "error");
    if (e)
      {
        cJSON_AddStringToObject (e, "code", dokus_status_name (err.code));
        cJSON_AddStringToObject (e, "message", err.message);
        cJSON_AddStringToObject (e, "field", err.field);
      }
  }
  cJSON_AddArrayToObject (o, "findings");
  return o;
}

static void
print_human (const cJSON *file)
{
  const cJSON *findings = cJSON_GetObjectItem (file, "findings");
  const cJSON *error = cJSON_GetObjectItem (file, "error");
  const cJSON *f;
  int fatal = 0, warning = 0;

  cJSON_ArrayForEach (f, findings)
    {
      if (strcmp (dokus_cli_str (f, "flag"), "fatal") == 0)
        fatal++;
      else
        warning++;
    }
  if (error)
    {
      printf ("%s: not checked: %s%s%s%s\n", dokus_cli_str (file, "file"),
              dokus_cli_str (error, "message"), *dokus_cli_str (error, "field") ? " (" : "",
              dokus_cli_str (error, "field"), *dokus_cli_str (error, "field") ? ")" : "");
      return;
    }
  printf ("%s: %s (%s; %d fatal, %d warning%s)\n", dokus_cli_str (file, "file"),
          cJSON_IsTrue (cJSON_GetObjectItem (file, "valid")) ? "valid" : "INVALID",
          dokus_cli_str (file, "doctype"), fatal, warning, warning == 1 ? "" : "s");
  cJSON_ArrayForEach (f, findings)
    printf ("  %-7s %-22s %s\n          at %s\n", dokus_cli_str (f, "flag"),
            dokus_cli_str (f, "rule"), dokus_cli_str (f, "message"),
            dokus_cli_str (f, "location"));
}

int
dokus_cli_ubl_validate (int argc, char **argv)
{
  bool json = false, all_ok = true;
  int n_files = 0;
  cJSON *out, *files;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          fputs (validate_usage, stdout);
          return 0;
        }
      if (strcmp (argv[i], "--json") == 0)
        json = true;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, "dokus-cli: unknown option '%s'\n%s", argv[i], validate_usage);
          return 1;
        }
      else
        n_files++;
    }
  if (n_files == 0)
    {
      fputs (validate_usage, stderr);
      return 1;
    }

  out = cJSON_CreateObject ();
  if (out == NULL || !cJSON_AddStringToObject (out, "release", dokus_ubl_validate_release ())
      || (files = cJSON_AddArrayToObject (out, "files")) == NULL)
    {
      cJSON_Delete (out);
      fprintf (stderr, "dokus-cli: out of memory\n");
      return 1;
    }
  for (int i = 1; i < argc; i++)
    {
      bool ok = false;
      cJSON *file;
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        continue;
      file = validate_file (argv[i], &ok);
      if (file == NULL)
        {
          cJSON_Delete (out);
          fprintf (stderr, "dokus-cli: out of memory\n");
          return 1;
        }
      all_ok = all_ok && ok;
      if (!json)
        {
          print_human (file);
          if (cJSON_GetObjectItem (file, "error"))
            fprintf (stderr, "dokus-cli: %s: %s\n", argv[i],
                     dokus_cli_str (cJSON_GetObjectItem (file, "error"), "message"));
        }
      /* the documented object: file, valid, findings (and error when not checked) */
      cJSON_DeleteItemFromObject (file, "doctype");
      cJSON_AddItemToArray (files, file);
    }
  if (json)
    {
      char *text = cJSON_PrintUnformatted (out);
      if (text)
        puts (text);
      free (text);
    }
  else
    printf ("Rules: %s\n", dokus_ubl_validate_release ());
  cJSON_Delete (out);
  return all_ok ? 0 : 1;
}
