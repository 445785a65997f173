/* dokus-cli-comment.c
 *
 * The comment commands of dokus-cli: comment add (an accountant's or the
 * freelancer's note on a document or purchase), list (per document, or
 * every one; --open for those not resolved) and resolve. The rules live
 * in libdokus (dokus-comment.h); comments travel with dokus-cli sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static void
print_comment (const cJSON *c)
{
  const cJSON *subject = cJSON_GetObjectItem (c, "subject");
  const cJSON *author = cJSON_GetObjectItem (c, "author");
  const cJSON *resolved = cJSON_GetObjectItem (c, "resolved");
  const char *number = dokus_cli_str (subject, "number");

  printf ("%s  %s  on %s %s  by %s (%s)%s\n", dokus_cli_str (c, "created_at"),
          dokus_cli_str (c, "id"), dokus_cli_str (subject, "type")[0]
                                     ? dokus_cli_str (subject, "type") : "(not in this book)",
          number[0] ? number : dokus_cli_str (subject, "id"), dokus_cli_str (author, "role"),
          dokus_cli_str (author, "device"), cJSON_IsObject (resolved) ? "  resolved" : "");
  printf ("    %s\n", dokus_cli_str (c, "text"));
}

static void
print_comments (const cJSON *o)
{
  const cJSON *c;
  int n = 0;

  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, "comments"))
    {
      print_comment (c);
      n++;
    }
  if (n == 0)
    printf ("No comments.\n");
}

static void
print_added (const cJSON *o)
{
  printf ("%s\n", dokus_cli_str (o, "id"));
}

static void
print_resolved (const cJSON *o)
{
  printf ("Resolved %s.\n", dokus_cli_str (o, "id"));
}

int
dokus_cli_comment (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";
  DokusCliOption list_opts[] = { { "--open", false, NULL, false },
                                 { NULL, false, NULL, false } };
  DokusCliCommand add = { .usage = "comment add BOOK NUMBER TEXT [--json]",
                          .help = "Comments on a document (its number, or its id for a draft) or "
                                  "a purchase (its id);\nprints the comment's id. An accountant's "
                                  "device may do this and nothing else.\nAt most 2000 "
                                  "characters of UTF-8 text.",
                          .min_args = 3, .max_args = 3 };
  DokusCliCommand list = { .usage = "comment list BOOK [NUMBER] [--open] [--json]",
                           .help = "Lists the comments on one document or purchase, or on "
                                   "everything; --open only\nthose not resolved.",
                           .min_args = 1, .max_args = 2, .options = list_opts };
  DokusCliCommand resolve = { .usage = "comment resolve BOOK ID [--json]",
                              .help = "Marks a comment resolved (not on an accountant's device).",
                              .min_args = 2, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL, id[DOKUS_ID_TEXT];
  DokusStatus st;
  int rc;

  if (strcmp (sub, "add") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&add, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_comment_add (book, add.args[1], add.args[2], id, &err);
      if (st == DOKUS_OK)
        st = dokus_comment_show (book, id, &json, &err);
      return dokus_cli_finish (&add, book, st, &err, json, print_added);
    }
  if (strcmp (sub, "list") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&list, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_comment_list (book, list.n_args > 1 ? list.args[1] : NULL, list_opts[0].seen,
                               &json, &err);
      return dokus_cli_finish (&list, book, st, &err, json, print_comments);
    }
  if (strcmp (sub, "resolve") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&resolve, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_comment_resolve (book, resolve.args[1], &err);
      if (st == DOKUS_OK)
        st = dokus_comment_show (book, resolve.args[1], &json, &err);
      return dokus_cli_finish (&resolve, book, st, &err, json, print_resolved);
    }
  fprintf (stderr, "usage: dokus-cli comment add|list|resolve BOOK ... (--help for each)\n");
  return 1;
}
