/* dokus-cli-args.h
 *
 * Command-line parsing shared by every dokus-cli command: positional
 * arguments, the command's own options, and the common ones (--json,
 * --passphrase-file FILE, --help); opening a book with its passphrase;
 * printing results and errors (one JSON object on stdout with --json).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include <cjson/cJSON.h>
#include <dokus/dokus.h>

#define DOKUS_CLI_MAX_ARGS 8

typedef struct {
  const char *name;        /* "--amount" */
  bool        takes_value;
  const char *value;       /* OUT */
  bool        seen;        /* OUT */
} DokusCliOption;

typedef struct {
  const char     *usage;     /* "payment add BOOK NUMBER --amount A --date D [--reference R]" */
  const char     *help;      /* what it does, a few lines */
  int             min_args, max_args;
  DokusCliOption *options;   /* NULL-name terminated, or NULL */
  /* OUT */
  bool            json;
  const char     *passphrase_file;
  const char     *args[DOKUS_CLI_MAX_ARGS];
  int             n_args;
} DokusCliCommand;

/* Parses argv (after the command words). Returns -1 to go on, or the exit
 * code to return at once (0 after --help, 1 after a usage error). */
int dokus_cli_parse (DokusCliCommand *cmd, int argc, char **argv);

/* Opens the book at @path with the passphrase from DOKUS_PASSPHRASE,
 * --passphrase-file or the terminal. 0, or 1 after reporting the error. */
int dokus_cli_open_book (DokusCliCommand *cmd, const char *path, DokusBook **book);

/* Reads a passphrase as dokus_cli_open_book does (@confirm: ask twice on a
 * terminal). @buf has DOKUS_CLI_SECRET_MAX bytes; wipe it after use. */
DokusStatus dokus_cli_passphrase (DokusCliCommand *cmd, bool confirm, char *buf, DokusError *err);

/* Reads a whole file, or standard input for "-" (transfer full, free()),
 * at most 16 MiB. NULL with @err filled on failure. */
char *dokus_cli_read_file (const char *path, DokusError *err);

/* Reads the whole file at @path, binary, refusing more than @max bytes
 * (errors name @field). (transfer full) free() it; *@len its size. */
unsigned char *dokus_cli_read_binary (const char *path, const char *field, size_t max,
                                      size_t *len, DokusError *err);

/* Reports @err: on stderr, and with --json as {"errors": [...]} on stdout.
 * Returns 1. */
int dokus_cli_report (DokusCliCommand *cmd, const DokusError *err);

/* Prints @json (a JSON object) on stdout with --json; otherwise calls
 * @human with it parsed (or prints it indented when @human is NULL).
 * Returns 0. */
int dokus_cli_print (DokusCliCommand *cmd, const char *json, void (*human) (const cJSON *));

/* dokus_cli_parse(), then dokus_cli_open_book() on the first argument.
 * -1 to go on with *@book open, or the exit code to return. */
int dokus_cli_parse_and_open (DokusCliCommand *cmd, int argc, char **argv, DokusBook **book);

/* Ends a command: prints @json (taken: freed) when @st is DOKUS_OK, else
 * reports @err; closes @book (nullable). Returns the exit code. */
int dokus_cli_finish (DokusCliCommand *cmd, DokusBook *book, DokusStatus st, const DokusError *err,
                      char *json, void (*human) (const cJSON *));

/* The string member @key of @o, or "" (transfer none). */
const char *dokus_cli_str (const cJSON *o, const char *key);
