/* dokus-cli-args.c
 *
 * See dokus-cli-args.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

#define FILE_MAX (16 * 1024 * 1024)

static void
print_help (const DokusCliCommand *cmd)
{
  printf ("usage: dokus-cli %s\n\n%s\n\n", cmd->usage, cmd->help);
  printf ("Common options:\n"
          "  --json                 print exactly one JSON object on stdout\n"
          "  --passphrase-file FILE read the passphrase from FILE (first line)\n"
          "  --help                 this text\n"
          "The passphrase also comes from DOKUS_PASSPHRASE, else from the terminal.\n");
}

int
dokus_cli_parse (DokusCliCommand *cmd, int argc, char **argv)
{
  for (int i = 0; i < argc; i++)
    {
      const char *a = argv[i];
      bool matched = false;

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          print_help (cmd);
          return 0;
        }
      if (strcmp (a, "--json") == 0)
        {
          cmd->json = true;
          continue;
        }
      if (strcmp (a, "--passphrase-file") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, "dokus-cli: --passphrase-file needs a FILE\n");
              return 1;
            }
          cmd->passphrase_file = argv[++i];
          continue;
        }
      for (DokusCliOption *o = cmd->options; o && o->name && !matched; o++)
        if (strcmp (a, o->name) == 0)
          {
            matched = true;
            if (o->seen)
              {
                fprintf (stderr, "dokus-cli: %s given twice\n", o->name);
                return 1;
              }
            o->seen = true;
            if (o->takes_value)
              {
                if (i + 1 >= argc)
                  {
                    fprintf (stderr, "dokus-cli: %s needs a value\n", o->name);
                    return 1;
                  }
                o->value = argv[++i];
              }
          }
      if (matched)
        continue;
      if (a[0] == '-' && a[1] != '\0')
        {
          fprintf (stderr, "dokus-cli: unknown option %s\nusage: dokus-cli %s\n", a, cmd->usage);
          return 1;
        }
      if (cmd->n_args >= cmd->max_args)
        {
          fprintf (stderr, "dokus-cli: too many arguments\nusage: dokus-cli %s\n", cmd->usage);
          return 1;
        }
      cmd->args[cmd->n_args++] = a;
    }
  if (cmd->n_args < cmd->min_args)
    {
      fprintf (stderr, "dokus-cli: missing arguments\nusage: dokus-cli %s\n", cmd->usage);
      return 1;
    }
  return -1;
}

char *
dokus_cli_read_file (const char *path, DokusError *err)
{
  FILE *f = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  size_t len = 0, cap = 65536;
  char *buf;

  if (f == NULL)
    {
      dokus_error_set (err, DOKUS_ERR_IO, "file", "cannot read %s", path);
      return NULL;
    }
  buf = malloc (cap + 1);
  while (buf != NULL)
    {
      size_t n = fread (buf + len, 1, cap - len, f);
      len += n;
      if (n == 0)
        break;
      if (len == cap)
        {
          char *grown;
          if (cap >= FILE_MAX)
            {
              free (buf);
              buf = NULL;
              dokus_error_set (err, DOKUS_ERR_INVALID, "file", "%s is larger than 16 MiB", path);
              break;
            }
          grown = realloc (buf, cap * 2 + 1);
          if (grown == NULL)
            {
              free (buf);
              buf = NULL;
            }
          buf = grown;
          cap *= 2;
        }
    }
  if (f != stdin)
    fclose (f);
  if (buf != NULL)
    buf[len] = '\0';
  else if (err && err->code == DOKUS_OK)
    dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return buf;
}

DokusStatus
dokus_cli_passphrase (DokusCliCommand *cmd, bool confirm, char *buf, DokusError *err)
{
  if (cmd->passphrase_file != NULL)
    {
      char *text = dokus_cli_read_file (cmd->passphrase_file, err);
      size_t len;
      if (text == NULL)
        return err->code;
      len = strcspn (text, "\r\n");
      if (len >= DOKUS_CLI_SECRET_MAX)
        {
          sodium_memzero (text, strlen (text));
          free (text);
          return dokus_error_set (err, DOKUS_ERR_INVALID, "passphrase-file",
                                  "the passphrase is too long");
        }
      memcpy (buf, text, len);
      buf[len] = '\0';
      sodium_memzero (text, strlen (text));
      free (text);
      return DOKUS_OK;
    }
  if (getenv ("DOKUS_PASSPHRASE") != NULL || !confirm)
    return dokus_cli_read_secret ("DOKUS_PASSPHRASE", "Passphrase: ", buf, err);
  {
    char again[DOKUS_CLI_SECRET_MAX];
    DokusStatus st = dokus_platform_read_secret ("New passphrase: ", buf, DOKUS_CLI_SECRET_MAX, err);
    if (st == DOKUS_OK)
      st = dokus_platform_read_secret ("Repeat it: ", again, sizeof again, err);
    if (st == DOKUS_OK && strcmp (buf, again) != 0)
      st = dokus_error_set (err, DOKUS_ERR_INVALID, "passphrase", "the two passphrases differ");
    sodium_memzero (again, sizeof again);
    return st;
  }
}

int
dokus_cli_open_book (DokusCliCommand *cmd, const char *path, DokusBook **book)
{
  char pass[DOKUS_CLI_SECRET_MAX];
  DokusError err = { 0 };
  DokusStatus st = dokus_cli_passphrase (cmd, false, pass, &err);

  if (st == DOKUS_OK)
    st = dokus_book_open (path, pass, book, &err);
  sodium_memzero (pass, sizeof pass);
  return st == DOKUS_OK ? 0 : dokus_cli_report (cmd, &err);
}

int
dokus_cli_report (DokusCliCommand *cmd, const DokusError *err)
{
  dokus_cli_fail (err);
  if (cmd != NULL && cmd->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *e = cJSON_CreateObject ();
      char *text;
      cJSON_AddStringToObject (e, "code", dokus_status_name (err->code));
      cJSON_AddStringToObject (e, "message", err->message);
      cJSON_AddStringToObject (e, "field", err->field);
      cJSON_AddItemToArray (cJSON_AddArrayToObject (root, "errors"), e);
      text = cJSON_PrintUnformatted (root);
      if (text)
        puts (text);
      free (text);
      cJSON_Delete (root);
    }
  return 1;
}

int
dokus_cli_print (DokusCliCommand *cmd, const char *json, void (*human) (const cJSON *))
{
  cJSON *parsed;

  if (cmd->json)
    {
      puts (json);
      return 0;
    }
  parsed = cJSON_Parse (json);
  if (parsed != NULL && human != NULL)
    human (parsed);
  else if (parsed != NULL)
    {
      char *text = cJSON_Print (parsed);
      if (text)
        puts (text);
      free (text);
    }
  cJSON_Delete (parsed);
  return 0;
}

int
dokus_cli_parse_and_open (DokusCliCommand *cmd, int argc, char **argv, DokusBook **book)
{
  int rc = dokus_cli_parse (cmd, argc, argv);
  if (rc >= 0)
    return rc;
  return dokus_cli_open_book (cmd, cmd->args[0], book) == 0 ? -1 : 1;
}

int
dokus_cli_finish (DokusCliCommand *cmd, DokusBook *book, DokusStatus st, const DokusError *err,
                  char *json, void (*human) (const cJSON *))
{
  int rc = st == DOKUS_OK ? dokus_cli_print (cmd, json, human) : dokus_cli_report (cmd, err);
  free (json);
  dokus_book_close (book);
  return rc;
}

const char *
dokus_cli_str (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (m) ? m->valuestring : "";
}

unsigned char *
dokus_cli_read_binary (const char *path, const char *field, size_t max, size_t *len,
                       DokusError *err)
{
  FILE *f = fopen (path, "rb");
  size_t cap = 65536;
  unsigned char *buf;

  *len = 0;
  if (f == NULL)
    {
      dokus_error_set (err, DOKUS_ERR_IO, field, "cannot read %s", path);
      return NULL;
    }
  buf = malloc (cap);
  while (buf != NULL)
    {
      size_t n = fread (buf + *len, 1, cap - *len, f);
      *len += n;
      if (n == 0)
        break;
      if (*len == cap)
        {
          unsigned char *grown;
          if (cap > max)
            {
              dokus_error_set (err, DOKUS_ERR_INVALID, field,
                               "%s is larger than %lu KiB", path, (unsigned long) (max / 1024));
              free (buf);
              buf = NULL;
              break;
            }
          grown = realloc (buf, cap * 2);
          if (grown == NULL)
            {
              dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
              free (buf);
            }
          buf = grown;
          cap *= 2;
        }
    }
  if (buf == NULL && err != NULL && err->code == DOKUS_OK)
    dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (buf != NULL && ferror (f))
    {
      dokus_error_set (err, DOKUS_ERR_IO, field, "cannot read %s", path);
      free (buf);
      buf = NULL;
    }
  fclose (f);
  return buf;
}
