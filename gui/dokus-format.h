/* dokus-format.h
 *
 * Money, decimals and dates as the user's locale writes them, and amounts
 * typed by the user read back into the ledger's decimal strings. Written
 * here rather than taken from the C library, because a machine rarely has
 * nl_BE, fr_BE and de_BE generated (see ../shared/TOOLCHAIN.md): the four
 * styles Dokus speaks are tables in this file.
 *
 * Which style: the first of LC_ALL, LC_MONETARY and LANG that names a
 * language (not "C" or "POSIX"), else the first entry of LANGUAGE, else
 * English. Only the language matters: nl_NL and nl_BE write money alike.
 *
 * Strings returned are (transfer full): g_free() them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <dokus/dokus.h>

G_BEGIN_DECLS

typedef enum {
  DOKUS_FORMAT_EN,  /* €1,234.56   25/11/2026 */
  DOKUS_FORMAT_NL,  /* 1.234,56 €  25/11/2026 */
  DOKUS_FORMAT_FR,  /* 1 234,56 €  25/11/2026 (narrow no-break space between groups) */
  DOKUS_FORMAT_DE,  /* 1.234,56 €  25.11.2026 */
} DokusFormatStyle;

/* The style of a locale name such as "nl_BE.UTF-8", "fr", "de_DE@euro";
 * NULL, "", "C", "POSIX", "C.UTF-8" and unknown languages give
 * DOKUS_FORMAT_EN. */
DokusFormatStyle dokus_format_style_for_locale (const char *locale);

/* The style of the environment, as described at the top. */
DokusFormatStyle dokus_format_style_from_environment (void);

/* The style used by the application: set once at start-up (from the
 * environment by default). */
DokusFormatStyle dokus_format_style_get_default (void);
void dokus_format_style_set_default (DokusFormatStyle style);

/* @cents with its currency sign: "1.234,56 €" (nl). */
char *dokus_format_money (DokusFormatStyle style, DokusCents cents);

/* The ledger amount @amount ("1234.56") as dokus_format_money(); NULL or
 * text that is not an amount gives "—". */
char *dokus_format_money_text (DokusFormatStyle style, const char *amount);

/* The ledger decimal @decimal ("0.3333", "-12", "1234.5") with the
 * style's separators ("0,3333", "1.234,5"); bad text is returned as is. */
char *dokus_format_decimal_text (DokusFormatStyle style, const char *decimal);

/* The ledger date @iso ("2026-11-25") as the style writes it; NULL or a
 * bad date gives "—". */
char *dokus_format_date_text (DokusFormatStyle style, const char *iso);

/* The short name of @month (1..12, asserted): "mrt" (nl), "mars" (fr). */
const char *dokus_format_month_abbrev (DokusFormatStyle style, int month);

/* Reads a number typed by the user in @style ("1.234,5", "12,50 €",
 * "12.5" in nl: one '.' not followed by exactly three digits is taken as
 * a decimal point) into the ledger's form ("1234.5", "12.50") in @out of
 * @size bytes. Spaces, no-break spaces and a euro sign are ignored; a
 * leading '-' is kept. false, @out set to "", for anything else (letters,
 * two decimal separators, misplaced group separators, no digits). */
gboolean dokus_format_parse_number (DokusFormatStyle style, const char *text, char *out,
                                    gsize size);

/* Reads a date typed by the user: day, month and four-digit year
 * separated by '/', '.' or '-' ("25/11/2026", "25.11.2026", "5-1-2026"),
 * in every style, or ISO "2026-11-25". @out (OUT): "2026-11-25". false,
 * @out set to "", for anything else or a day the month does not have. */
gboolean dokus_format_parse_date (const char *text, char out[DOKUS_DATE_TEXT]);

G_END_DECLS
