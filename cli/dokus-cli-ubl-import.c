/* dokus-cli-ubl-import.c -- placeholder until its command lands (see the open issues).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "dokus-cli.h"

int
dokus_cli_ubl_import (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  fprintf (stderr, "dokus-cli: this command is not built yet\n");
  return 1;
}
