/* dokus-cli-ubl.c
 *
 * dokus-cli ubl validate|import|show: dispatches to one file per command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dokus-cli.h"

static const char ubl_usage[] =
  "usage: dokus-cli ubl validate FILE... [--json]\n"
  "       dokus-cli ubl import BOOK FILE [--json]\n"
  "       dokus-cli ubl show FILE [--json] [--language nl|fr|de|en]\n";

int
dokus_cli_ubl (int argc, char **argv)
{
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      fputs (ubl_usage, argc < 2 ? stderr : stdout);
      return argc < 2 ? 1 : 0;
    }
  if (strcmp (argv[1], "validate") == 0)
    return dokus_cli_ubl_validate (argc - 1, argv + 1);
  if (strcmp (argv[1], "import") == 0)
    return dokus_cli_ubl_import (argc - 1, argv + 1);
  if (strcmp (argv[1], "show") == 0)
    return dokus_cli_ubl_show (argc - 1, argv + 1);
  fprintf (stderr, "dokus-cli: unknown command 'ubl %s'\n%s", argv[1], ubl_usage);
  return 1;
}
