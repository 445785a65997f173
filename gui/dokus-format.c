/* dokus-format.c
 *
 * Money, decimals and dates in the user's locale, from four small tables
 * (en, nl, fr, de) instead of the C library's locales, which a machine may
 * not have; and typed numbers read back into the ledger's decimal form.
 * No floating point: amounts stay cents and decimal strings throughout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-format.h"

#define NNBSP "\xe2\x80\xaf" /* U+202F narrow no-break space: French groups */
#define NBSP "\xc2\xa0"      /* U+00A0 no-break space: before the euro sign */

typedef struct {
  const char *group;      /* between groups of three digits */
  const char *decimal;    /* before the decimals */
  gboolean    sign_first; /* "€1.00" rather than "1,00 €" */
  char        date_sep;
} Style;

static const Style styles[] = {
  [DOKUS_FORMAT_EN] = { ",", ".", TRUE, '/' },
  [DOKUS_FORMAT_NL] = { ".", ",", FALSE, '/' },
  [DOKUS_FORMAT_FR] = { NNBSP, ",", FALSE, '/' },
  [DOKUS_FORMAT_DE] = { ".", ",", FALSE, '.' },
};

static const char *const months[][12] = {
  [DOKUS_FORMAT_EN] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                        "Nov", "Dec" },
  [DOKUS_FORMAT_NL] = { "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
                        "nov", "dec" },
  [DOKUS_FORMAT_FR] = { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                        "sept.", "oct.", "nov.", "déc." },
  [DOKUS_FORMAT_DE] = { "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.",
                        "Okt.", "Nov.", "Dez." },
};

static DokusFormatStyle default_style = DOKUS_FORMAT_EN;
static gboolean default_style_set = FALSE;

DokusFormatStyle
dokus_format_style_for_locale (const char *locale)
{
  if (locale == NULL)
    return DOKUS_FORMAT_EN;
  if (g_str_has_prefix (locale, "nl") && (locale[2] == '\0' || strchr ("_.@:", locale[2])))
    return DOKUS_FORMAT_NL;
  if (g_str_has_prefix (locale, "fr") && (locale[2] == '\0' || strchr ("_.@:", locale[2])))
    return DOKUS_FORMAT_FR;
  if (g_str_has_prefix (locale, "de") && (locale[2] == '\0' || strchr ("_.@:", locale[2])))
    return DOKUS_FORMAT_DE;
  return DOKUS_FORMAT_EN;
}

static gboolean
names_language (const char *locale)
{
  return locale != NULL && locale[0] != '\0' && strcmp (locale, "C") != 0
         && strcmp (locale, "POSIX") != 0 && !g_str_has_prefix (locale, "C.");
}

DokusFormatStyle
dokus_format_style_from_environment (void)
{
  const char *vars[] = { "LC_ALL", "LC_MONETARY", "LANG" };

  for (gsize i = 0; i < G_N_ELEMENTS (vars); i++)
    if (names_language (g_getenv (vars[i])))
      return dokus_format_style_for_locale (g_getenv (vars[i]));
  if (names_language (g_getenv ("LANGUAGE")))
    return dokus_format_style_for_locale (g_getenv ("LANGUAGE"));
  return DOKUS_FORMAT_EN;
}

DokusFormatStyle
dokus_format_style_get_default (void)
{
  if (!default_style_set)
    {
      default_style = dokus_format_style_from_environment ();
      default_style_set = TRUE;
    }
  return default_style;
}

void
dokus_format_style_set_default (DokusFormatStyle style)
{
  g_return_if_fail (style <= DOKUS_FORMAT_DE);
  default_style = style;
  default_style_set = TRUE;
}

/* Appends the digits @digits (no sign) with the style's group separator. */
static void
append_grouped (GString *s, const Style *st, const char *digits)
{
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (s, st->group);
      g_string_append_c (s, digits[i]);
    }
}

char *
dokus_format_money (DokusFormatStyle style, DokusCents cents)
{
  const Style *st = &styles[style];
  char plain[DOKUS_MONEY_TEXT];
  const char *p = dokus_cents_format (cents, plain);
  gboolean negative = p[0] == '-';
  const char *dot;
  g_autofree char *units = NULL;
  GString *s = g_string_new (NULL);

  if (negative)
    p++;
  dot = strchr (p, '.');
  units = g_strndup (p, (gsize) (dot - p));
  if (negative)
    g_string_append (s, "-");
  if (st->sign_first)
    g_string_append (s, "€");
  append_grouped (s, st, units);
  g_string_append (s, st->decimal);
  g_string_append (s, dot + 1);
  if (!st->sign_first)
    g_string_append (s, NBSP "€");
  return g_string_free (s, FALSE);
}

char *
dokus_format_money_text (DokusFormatStyle style, const char *amount)
{
  DokusCents c;

  if (amount == NULL || dokus_cents_parse (amount, NULL, &c, NULL) != DOKUS_OK)
    return g_strdup ("—");
  return dokus_format_money (style, c);
}

char *
dokus_format_decimal_text (DokusFormatStyle style, const char *decimal)
{
  const Style *st = &styles[style];
  const char *p = decimal, *dot;
  g_autofree char *units = NULL;
  GString *s;

  if (decimal == NULL)
    return g_strdup ("");
  if (*p == '-')
    p++;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q) && *q != '.')
      return g_strdup (decimal);
  dot = strchr (p, '.');
  units = dot ? g_strndup (p, (gsize) (dot - p)) : g_strdup (p);
  s = g_string_new (p != decimal ? "-" : "");
  append_grouped (s, st, units);
  if (dot)
    {
      g_string_append (s, st->decimal);
      g_string_append (s, dot + 1);
    }
  return g_string_free (s, FALSE);
}

char *
dokus_format_date_text (DokusFormatStyle style, const char *iso)
{
  DokusDate d;
  char sep = styles[style].date_sep;

  if (iso == NULL || dokus_date_parse (iso, NULL, &d, NULL) != DOKUS_OK)
    return g_strdup ("—");
  return g_strdup_printf ("%02d%c%02d%c%04d", d.day, sep, d.month, sep, (int) d.year);
}

const char *
dokus_format_month_abbrev (DokusFormatStyle style, int month)
{
  g_assert (month >= 1 && month <= 12);
  return months[style][month - 1];
}

/* Removes group separators from @digits (only digits and @group) after
 * checking their places: 1 to 3 digits, then groups of exactly 3. */
static gboolean
ungroup (const char *digits, char group, GString *out)
{
  gsize run = 0;
  gboolean grouped = FALSE;

  for (const char *p = digits; *p; p++)
    {
      if (*p == group)
        {
          if (run == 0 || run > 3 || (grouped && run != 3))
            return FALSE;
          grouped = TRUE;
          run = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      g_string_append_c (out, *p);
      run++;
    }
  return !grouped || run == 3;
}

gboolean
dokus_format_parse_number (DokusFormatStyle style, const char *text, char *out, gsize size)
{
  char dec = style == DOKUS_FORMAT_EN ? '.' : ',';
  char grp = style == DOKUS_FORMAT_EN ? ',' : '.';
  g_autoptr (GString) clean = g_string_new (NULL);
  g_autoptr (GString) units = g_string_new (NULL);
  g_autofree char *int_part = NULL;
  const char *frac = NULL, *p, *sep;
  gboolean negative = FALSE;
  gsize n_dec = 0, n_grp = 0;
  GString *result;
  const char *u;

  g_return_val_if_fail (out != NULL && size > 0, FALSE);
  out[0] = '\0';
  if (text == NULL)
    return FALSE;
  for (p = text; *p;)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (g_str_has_prefix (p, NBSP) || g_str_has_prefix (p, "€"))
        p += 2 + (p[0] == '\xe2');
      else if (g_str_has_prefix (p, NNBSP))
        p += 3;
      else if (g_ascii_isdigit (*p) || *p == '.' || *p == ',' || *p == '-')
        g_string_append_c (clean, *p++);
      else
        return FALSE;
    }
  p = clean->str;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (const char *q = p; *q; q++)
    {
      n_dec += *q == dec;
      n_grp += *q == grp;
      if (*q == '-')
        return FALSE;
    }
  if (n_dec > 1)
    return FALSE;
  if (n_dec == 0 && n_grp == 1)
    {
      /* "12.5" in nl: one separator not followed by exactly three digits
       * cannot be grouping, so it is the decimal point */
      sep = strchr (p, grp);
      if (strlen (sep + 1) != 3)
        {
          dec = grp;
          n_dec = 1;
        }
    }
  sep = n_dec ? strchr (p, dec) : NULL;
  if (sep)
    {
      int_part = g_strndup (p, (gsize) (sep - p));
      frac = sep + 1;
      if (*frac == '\0')
        return FALSE;
      for (const char *q = frac; *q; q++)
        if (!g_ascii_isdigit (*q))
          return FALSE;
    }
  else
    int_part = g_strdup (p);
  if (!ungroup (int_part, grp, units))
    return FALSE;
  if (units->len == 0 && frac == NULL)
    return FALSE;
  u = units->str;
  while (u[0] == '0' && u[1] != '\0')
    u++;
  result = g_string_new (negative ? "-" : "");
  g_string_append (result, *u ? u : "0");
  if (frac)
    {
      g_string_append_c (result, '.');
      g_string_append (result, frac);
    }
  if (result->len >= size)
    {
      g_string_free (result, TRUE);
      return FALSE;
    }
  memcpy (out, result->str, result->len + 1);
  g_string_free (result, TRUE);
  return TRUE;
}

gboolean
dokus_format_parse_date (const char *text, char out[DOKUS_DATE_TEXT])
{
  unsigned a = 0, b = 0, c = 0;
  int n_a = 0, n_b = 0, n_c = 0;
  char sep1 = 0, sep2 = 0;
  const char *p = text;
  DokusDate d;

  out[0] = '\0';
  if (text == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  for (; g_ascii_isdigit (*p) && n_a < 5; p++, n_a++)
    a = a * 10 + (unsigned) (*p - '0');
  sep1 = *p ? *p++ : 0;
  for (; g_ascii_isdigit (*p) && n_b < 3; p++, n_b++)
    b = b * 10 + (unsigned) (*p - '0');
  sep2 = *p ? *p++ : 0;
  for (; g_ascii_isdigit (*p) && n_c < 5; p++, n_c++)
    c = c * 10 + (unsigned) (*p - '0');
  while (*p == ' ')
    p++;
  if (*p != '\0' || sep1 != sep2 || !strchr ("/.-", sep1) || n_b == 0 || n_b > 2)
    return FALSE;
  if (n_a == 4 && sep1 == '-' && n_c >= 1 && n_c <= 2)
    d = (DokusDate) { (int32_t) a, (uint8_t) b, (uint8_t) c }; /* ISO */
  else if (n_a >= 1 && n_a <= 2 && n_c == 4)
    d = (DokusDate) { (int32_t) c, (uint8_t) b, (uint8_t) a };
  else
    return FALSE;
  if (b > 12 || !dokus_date_is_valid (d))
    return FALSE;
  dokus_date_format (d, out);
  return TRUE;
}
