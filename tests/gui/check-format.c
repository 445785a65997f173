/* check-format.c
 *
 * Suite "format": money, decimals and dates in the four styles of
 * gui/dokus-format.c, and numbers and dates typed by the user read back.
 * Every expected string is written by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <glib.h>
#include <stdlib.h>

#include "dokus-format.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"

static void
expect_money (DokusFormatStyle style, DokusCents cents, const char *want)
{
  g_autofree char *got = dokus_format_money (style, cents);

  ck_assert_str_eq (got, want);
}

START_TEST (test_format_money_nl_groups_with_dots)
{
  expect_money (DOKUS_FORMAT_NL, 123456, "1.234,56" NBSP "€");
  expect_money (DOKUS_FORMAT_NL, 5, "0,05" NBSP "€");
  expect_money (DOKUS_FORMAT_NL, -123456789, "-1.234.567,89" NBSP "€");
  expect_money (DOKUS_FORMAT_NL, 100000, "1.000,00" NBSP "€");
  expect_money (DOKUS_FORMAT_NL, 99999, "999,99" NBSP "€");
}
END_TEST

START_TEST (test_format_money_fr_de_en)
{
  expect_money (DOKUS_FORMAT_FR, 123456, "1" NNBSP "234,56" NBSP "€");
  expect_money (DOKUS_FORMAT_DE, 123456, "1.234,56" NBSP "€");
  expect_money (DOKUS_FORMAT_EN, 123456, "€1,234.56");
  expect_money (DOKUS_FORMAT_EN, -5, "-€0.05");
  expect_money (DOKUS_FORMAT_EN, 0, "€0.00");
  /* INT64_MIN cents: -92 233 720 368 547 758.08 */
  expect_money (DOKUS_FORMAT_EN, INT64_MIN, "-€92,233,720,368,547,758.08");
}
END_TEST

START_TEST (test_format_money_text_rejects_bad_amounts)
{
  g_autofree char *a = dokus_format_money_text (DOKUS_FORMAT_NL, "1234.50");
  g_autofree char *b = dokus_format_money_text (DOKUS_FORMAT_NL, "12,50");
  g_autofree char *c = dokus_format_money_text (DOKUS_FORMAT_NL, NULL);

  ck_assert_str_eq (a, "1.234,50" NBSP "€");
  ck_assert_str_eq (b, "—");
  ck_assert_str_eq (c, "—");
}
END_TEST

START_TEST (test_format_decimal_and_date)
{
  g_autofree char *q = dokus_format_decimal_text (DOKUS_FORMAT_NL, "0.3333");
  g_autofree char *big = dokus_format_decimal_text (DOKUS_FORMAT_DE, "-1234.5");
  g_autofree char *en = dokus_format_decimal_text (DOKUS_FORMAT_EN, "1234567");
  g_autofree char *d_nl = dokus_format_date_text (DOKUS_FORMAT_NL, "2026-03-05");
  g_autofree char *d_de = dokus_format_date_text (DOKUS_FORMAT_DE, "2026-11-25");
  g_autofree char *d_bad = dokus_format_date_text (DOKUS_FORMAT_DE, "2026-02-29");

  ck_assert_str_eq (q, "0,3333");
  ck_assert_str_eq (big, "-1.234,5");
  ck_assert_str_eq (en, "1,234,567");
  ck_assert_str_eq (d_nl, "05/03/2026");
  ck_assert_str_eq (d_de, "25.11.2026");
  ck_assert_str_eq (d_bad, "—");
  ck_assert_str_eq (dokus_format_month_abbrev (DOKUS_FORMAT_NL, 3), "mrt");
  ck_assert_str_eq (dokus_format_month_abbrev (DOKUS_FORMAT_FR, 8), "août");
}
END_TEST

static void
expect_parse (DokusFormatStyle style, const char *text, const char *want)
{
  char out[32];
  gboolean ok = dokus_format_parse_number (style, text, out, sizeof out);

  if (want == NULL)
    {
      ck_assert_msg (!ok, "'%s' should be refused, got '%s'", text, out);
      ck_assert_str_eq (out, "");
    }
  else
    {
      ck_assert_msg (ok, "'%s' should read as %s", text, want);
      ck_assert_str_eq (out, want);
    }
}

START_TEST (test_format_parse_number_nl)
{
  expect_parse (DOKUS_FORMAT_NL, "1.234,56", "1234.56");
  expect_parse (DOKUS_FORMAT_NL, "12,5", "12.5");
  expect_parse (DOKUS_FORMAT_NL, "12.5", "12.5");      /* one '.' not before 3 digits */
  expect_parse (DOKUS_FORMAT_NL, "1.234", "1234");     /* a group of three */
  expect_parse (DOKUS_FORMAT_NL, " 1 234,50 € ", "1234.50");
  expect_parse (DOKUS_FORMAT_NL, "-0,05", "-0.05");
  expect_parse (DOKUS_FORMAT_NL, "007", "7");
  expect_parse (DOKUS_FORMAT_NL, ",5", "0.5");
  expect_parse (DOKUS_FORMAT_NL, "1,2,3", NULL);
  expect_parse (DOKUS_FORMAT_NL, "1.23,4", NULL);      /* misplaced group */
  expect_parse (DOKUS_FORMAT_NL, "12a", NULL);
  expect_parse (DOKUS_FORMAT_NL, "", NULL);
  expect_parse (DOKUS_FORMAT_NL, "1-2", NULL);
  expect_parse (DOKUS_FORMAT_NL, "5,", NULL);
}
END_TEST

START_TEST (test_format_parse_number_en_fr)
{
  expect_parse (DOKUS_FORMAT_EN, "1,234.56", "1234.56");
  expect_parse (DOKUS_FORMAT_EN, "12,5", "12.5");      /* one ',' not before 3 digits */
  expect_parse (DOKUS_FORMAT_EN, "1,234", "1234");
  expect_parse (DOKUS_FORMAT_FR, "1" NNBSP "234,56", "1234.56");
  expect_parse (DOKUS_FORMAT_FR, "1" NBSP "234,56" NBSP "€", "1234.56");
  expect_parse (DOKUS_FORMAT_DE, "1.234.567,8", "1234567.8");
}
END_TEST

START_TEST (test_format_parse_date)
{
  char out[DOKUS_DATE_TEXT];

  ck_assert (dokus_format_parse_date ("25/11/2026", out));
  ck_assert_str_eq (out, "2026-11-25");
  ck_assert (dokus_format_parse_date ("5.1.2026", out));
  ck_assert_str_eq (out, "2026-01-05");
  ck_assert (dokus_format_parse_date ("2026-02-28", out));
  ck_assert_str_eq (out, "2026-02-28");
  ck_assert (!dokus_format_parse_date ("29/02/2026", out)); /* 2026 is not a leap year */
  ck_assert_str_eq (out, "");
  ck_assert (dokus_format_parse_date ("29/02/2028", out));
  ck_assert_str_eq (out, "2028-02-29");
  ck_assert (!dokus_format_parse_date ("25/13/2026", out));
  ck_assert (!dokus_format_parse_date ("25/11/26", out));
  ck_assert (!dokus_format_parse_date ("25/11-2026", out));
  ck_assert (!dokus_format_parse_date ("tomorrow", out));
}
END_TEST

START_TEST (test_format_style_for_locale)
{
  ck_assert_int_eq (dokus_format_style_for_locale ("nl_BE.UTF-8"), DOKUS_FORMAT_NL);
  ck_assert_int_eq (dokus_format_style_for_locale ("fr_BE@euro"), DOKUS_FORMAT_FR);
  ck_assert_int_eq (dokus_format_style_for_locale ("de"), DOKUS_FORMAT_DE);
  ck_assert_int_eq (dokus_format_style_for_locale ("C.UTF-8"), DOKUS_FORMAT_EN);
  ck_assert_int_eq (dokus_format_style_for_locale ("nds_DE"), DOKUS_FORMAT_EN);
  ck_assert_int_eq (dokus_format_style_for_locale (NULL), DOKUS_FORMAT_EN);
  g_setenv ("LC_ALL", "", TRUE);
  g_setenv ("LC_MONETARY", "", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "fr:en", TRUE);
  ck_assert_int_eq (dokus_format_style_from_environment (), DOKUS_FORMAT_FR);
  g_setenv ("LANG", "de_BE.UTF-8", TRUE);
  ck_assert_int_eq (dokus_format_style_from_environment (), DOKUS_FORMAT_DE);
}
END_TEST

static Suite *
format_suite (void)
{
  Suite *s = suite_create ("format");
  TCase *money = tcase_create ("money");
  TCase *parse = tcase_create ("parse");

  tcase_add_test (money, test_format_money_nl_groups_with_dots);
  tcase_add_test (money, test_format_money_fr_de_en);
  tcase_add_test (money, test_format_money_text_rejects_bad_amounts);
  tcase_add_test (money, test_format_decimal_and_date);
  tcase_add_test (parse, test_format_parse_number_nl);
  tcase_add_test (parse, test_format_parse_number_en_fr);
  tcase_add_test (parse, test_format_parse_date);
  tcase_add_test (parse, test_format_style_for_locale);
  suite_add_tcase (s, money);
  suite_add_tcase (s, parse);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (format_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
