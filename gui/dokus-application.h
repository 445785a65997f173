/* dokus-application.h
 *
 * The application (be.dokus.Dokus): opens a window per book file given on
 * the command line or by the desktop (a double click on a .dokus file),
 * the about window, app-wide shortcuts, and the colour scheme preference.
 *
 * Command line: `dokus [--book] [FILE]` shows FILE's unlock prompt. With
 * DOKUS_PASSPHRASE in the environment the book is unlocked with it, for
 * scripted runs (demos, screenshots, benchmarks); never for real use, the
 * environment of a process is readable by its user's other programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOKUS_TYPE_APPLICATION (dokus_application_get_type ())
G_DECLARE_FINAL_TYPE (DokusApplication, dokus_application, DOKUS, APPLICATION, AdwApplication)

DokusApplication *dokus_application_new (void);

/* Text domain, locale directory (DOKUS_LOCALEDIR overrides it for
 * uninstalled runs) and libsodium: call once before anything else. */
void dokus_application_init_globals (void);

/* Adds the application's style sheet to the default display, for windows
 * made without the application (tests, screenshots, benchmarks): the
 * application itself loads it from its resource base path. */
void dokus_application_load_style (void);

G_END_DECLS
