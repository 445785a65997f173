/* main.c
 *
 * The `dokus` desktop application's entry point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (DokusApplication) app = NULL;

  dokus_application_init_globals ();
  app = dokus_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
