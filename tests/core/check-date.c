/* check-date.c
 *
 * Suite "date": strict ISO dates with leap years, day arithmetic across
 * months and years, VAT periods (months and quarters) and DOKUS_TODAY.
 * Expected dates are worked out by hand in the comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

static DokusDate
date (int32_t y, int m, int d)
{
  return (DokusDate) { .year = y, .month = (uint8_t) m, .day = (uint8_t) d };
}

static DokusDate
parse_ok (const char *text)
{
  DokusDate d = { 0 };
  DokusError err = { 0 };

  ck_assert_msg (dokus_date_parse (text, "issue_date", &d, &err) == DOKUS_OK, "%s: %s", text,
                 err.message);
  return d;
}

static const char *
parse_refused (const char *text)
{
  static DokusError err;
  DokusDate d = date (2000, 1, 1);

  memset (&err, 0, sizeof err);
  ck_assert_msg (dokus_date_parse (text, "issue_date", &d, &err) == DOKUS_ERR_INVALID,
                 "'%s' was accepted", text ? text : "(null)");
  ck_assert_str_eq (err.field, "issue_date");
  ck_assert (err.message[0] != '\0');
  ck_assert_int_eq (d.year, 2000); /* untouched */
  return err.message;
}

static void
assert_date (DokusDate d, const char *expected)
{
  char buf[DOKUS_DATE_TEXT];

  ck_assert_str_eq (dokus_date_format (d, buf), expected);
}

static void
assert_period (const char *text, const char *from, const char *to, const char *label,
               bool is_quarter)
{
  DokusPeriod p;
  DokusError err = { 0 };

  ck_assert_msg (dokus_period_parse (text, "period", &p, &err) == DOKUS_OK, "%s: %s", text,
                 err.message);
  assert_date (p.from, from);
  assert_date (p.to, to);
  ck_assert_str_eq (p.label, label);
  ck_assert_int_eq (p.is_quarter, is_quarter);
}

START_TEST (test_date_parses_and_formats)
{
  DokusDate d = parse_ok ("2026-03-05");

  ck_assert_int_eq (d.year, 2026);
  ck_assert_int_eq (d.month, 3);
  ck_assert_int_eq (d.day, 5);
  assert_date (d, "2026-03-05");
  assert_date (parse_ok ("1900-01-01"), "1900-01-01");
  assert_date (parse_ok ("9999-12-31"), "9999-12-31");
}
END_TEST

START_TEST (test_date_knows_leap_years)
{
  /* 2024 is divisible by 4: leap; 2026 is not */
  assert_date (parse_ok ("2024-02-29"), "2024-02-29");
  ck_assert (strstr (parse_refused ("2026-02-29"), "February 2026 has 28 days") != NULL);
  /* 2000 is divisible by 400: leap; 1900 and 2100 by 100 only: not */
  assert_date (parse_ok ("2000-02-29"), "2000-02-29");
  parse_refused ("1900-02-29");
  parse_refused ("2100-02-29");
  ck_assert_int_eq (dokus_date_days_in_month (2024, 2), 29);
  ck_assert_int_eq (dokus_date_days_in_month (2026, 2), 28);
  ck_assert_int_eq (dokus_date_days_in_month (2100, 2), 28);
  ck_assert_int_eq (dokus_date_days_in_month (2000, 2), 29);
  ck_assert_int_eq (dokus_date_days_in_month (2026, 4), 30);
  ck_assert_int_eq (dokus_date_days_in_month (2026, 12), 31);
  ck_assert (dokus_date_is_valid (date (2024, 2, 29)));
  ck_assert (!dokus_date_is_valid (date (2026, 2, 29)));
  ck_assert (!dokus_date_is_valid (date (1899, 12, 31)));
  ck_assert (!dokus_date_is_valid (date (2026, 0, 1)));
}
END_TEST

START_TEST (test_date_refuses_other_shapes)
{
  const char *bad[] = { "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "1899-12-31",
                        "2026-1-01",  "2026/01/01", "20260101",   " 2026-01-01", "2026-01-01 ",
                        "2026-01-01T00:00", "",     "abcd-ef-gh", "+026-01-01", "26-01-01",
                        "10000-01-01", "2026-01-1" };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    parse_refused (bad[i]);
  parse_refused (NULL);
  ck_assert (strstr (parse_refused ("2026-13-01"), "month") != NULL);
  ck_assert (strstr (parse_refused ("2026/01/01"), "YYYY-MM-DD") != NULL);
}
END_TEST

START_TEST (test_date_compares)
{
  ck_assert_int_lt (dokus_date_cmp (date (2026, 12, 31), date (2027, 1, 1)), 0);
  ck_assert_int_gt (dokus_date_cmp (date (2026, 3, 1), date (2026, 2, 28)), 0);
  ck_assert_int_gt (dokus_date_cmp (date (2026, 3, 2), date (2026, 3, 1)), 0);
  ck_assert_int_eq (dokus_date_cmp (date (2026, 3, 1), date (2026, 3, 1)), 0);
}
END_TEST

START_TEST (test_date_adds_days_across_months_and_years)
{
  assert_date (dokus_date_add_days (date (2026, 12, 31), 1), "2027-01-01");
  assert_date (dokus_date_add_days (date (2027, 1, 1), -1), "2026-12-31");
  assert_date (dokus_date_add_days (date (2024, 2, 28), 1), "2024-02-29");
  assert_date (dokus_date_add_days (date (2024, 2, 29), 1), "2024-03-01");
  assert_date (dokus_date_add_days (date (2024, 3, 1), -1), "2024-02-29");
  assert_date (dokus_date_add_days (date (2026, 3, 1), -1), "2026-02-28");
  /* 30-day terms: Jan 15 + 16 = Jan 31, + 14 more = Feb 14 */
  assert_date (dokus_date_add_days (date (2026, 1, 15), 30), "2026-02-14");
  /* Nov 30 + 31 = Dec 31, + 29 more = Jan 29 */
  assert_date (dokus_date_add_days (date (2026, 11, 30), 60), "2027-01-29");
  /* 2026 has 365 days, 2024 has 366 */
  assert_date (dokus_date_add_days (date (2026, 1, 1), 365), "2027-01-01");
  assert_date (dokus_date_add_days (date (2024, 1, 1), 365), "2024-12-31");
  assert_date (dokus_date_add_days (date (2026, 6, 15), 0), "2026-06-15");
  /* past the supported range: a calendar date, but not a valid one */
  ck_assert (!dokus_date_is_valid (dokus_date_add_days (date (9999, 12, 15), 30)));
}
END_TEST

START_TEST (test_date_counts_days_between)
{
  ck_assert_int_eq (dokus_date_days_between (date (2026, 12, 31), date (2027, 1, 1)), 1);
  ck_assert_int_eq (dokus_date_days_between (date (2024, 1, 1), date (2025, 1, 1)), 366);
  ck_assert_int_eq (dokus_date_days_between (date (2025, 1, 1), date (2024, 1, 1)), -366);
  ck_assert_int_eq (dokus_date_days_between (date (2026, 2, 1), date (2026, 3, 1)), 28);
  /* 30 years of 365 days + 7 leap days (1972, 76, 80, 84, 88, 92, 96) = 10957 */
  ck_assert_int_eq (dokus_date_days_between (date (1970, 1, 1), date (2000, 1, 1)), 10957);
  ck_assert_int_eq (dokus_date_days_between (date (2026, 5, 5), date (2026, 5, 5)), 0);
}
END_TEST

START_TEST (test_date_parses_quarters_and_months)
{
  assert_period ("2026-Q1", "2026-01-01", "2026-03-31", "2026-Q1", true);
  assert_period ("2026-Q2", "2026-04-01", "2026-06-30", "2026-Q2", true);
  assert_period ("2026-Q3", "2026-07-01", "2026-09-30", "2026-Q3", true);
  assert_period ("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q4", true);
  assert_period ("2026-q2", "2026-04-01", "2026-06-30", "2026-Q2", true);
  assert_period ("2026-11", "2026-11-01", "2026-11-30", "2026-11", false);
  assert_period ("2024-02", "2024-02-01", "2024-02-29", "2024-02", false);
  assert_period ("2026-02", "2026-02-01", "2026-02-28", "2026-02", false);
}
END_TEST

START_TEST (test_date_refuses_bad_periods)
{
  const char *bad[] = { "2026-13", "2026-Q5", "2026-Q0", "2026-00", "2026-1", "2026", "2026-Q",
                        "26-Q1", "", "2026-11-01", "2026Q1", "1899-12", "2026-X1", "2026-Q1 " };
  DokusPeriod p;
  DokusError err = { 0 };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      memset (&err, 0, sizeof err);
      ck_assert_msg (dokus_period_parse (bad[i], "period", &p, &err) == DOKUS_ERR_INVALID,
                     "'%s' was accepted", bad[i]);
      ck_assert_str_eq (err.field, "period");
      ck_assert (err.message[0] != '\0');
    }
  ck_assert_int_eq (dokus_period_parse (NULL, "period", &p, NULL), DOKUS_ERR_INVALID);
  ck_assert_int_eq (dokus_period_parse ("2026-Q5", "period", &p, &err), DOKUS_ERR_INVALID);
  ck_assert_msg (strstr (err.message, "Q1 to Q4") != NULL, "%s", err.message);
  ck_assert_int_eq (dokus_period_parse ("2026-13", "period", &p, &err), DOKUS_ERR_INVALID);
  ck_assert_msg (strstr (err.message, "01 to 12") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_date_period_of_date_and_year)
{
  DokusPeriod p;

  /* May is in Q2: April to June */
  p = dokus_period_of_date (date (2026, 5, 17), true);
  assert_date (p.from, "2026-04-01");
  assert_date (p.to, "2026-06-30");
  ck_assert_str_eq (p.label, "2026-Q2");
  ck_assert (p.is_quarter);
  p = dokus_period_of_date (date (2026, 12, 31), true);
  ck_assert_str_eq (p.label, "2026-Q4");
  p = dokus_period_of_date (date (2026, 1, 1), true);
  ck_assert_str_eq (p.label, "2026-Q1");
  p = dokus_period_of_date (date (2026, 5, 17), false);
  assert_date (p.from, "2026-05-01");
  assert_date (p.to, "2026-05-31");
  ck_assert_str_eq (p.label, "2026-05");
  ck_assert (!p.is_quarter);
  p = dokus_period_year (2026);
  assert_date (p.from, "2026-01-01");
  assert_date (p.to, "2026-12-31");
  ck_assert_str_eq (p.label, "2026");
  ck_assert (!p.is_quarter);
}
END_TEST

START_TEST (test_date_today_honours_dokus_today)
{
  DokusDate d;

  ck_assert_int_eq (setenv ("DOKUS_TODAY", "2026-03-15", 1), 0);
  assert_date (dokus_date_today (), "2026-03-15");
  ck_assert_int_eq (setenv ("DOKUS_TODAY", "2024-02-29", 1), 0);
  assert_date (dokus_date_today (), "2024-02-29");
  /* not a date: the clock is used instead */
  ck_assert_int_eq (setenv ("DOKUS_TODAY", "2026-02-30", 1), 0);
  d = dokus_date_today ();
  ck_assert (dokus_date_is_valid (d));
  ck_assert_int_ge (d.year, 2025);
  ck_assert_int_eq (unsetenv ("DOKUS_TODAY"), 0);
  d = dokus_date_today ();
  ck_assert (dokus_date_is_valid (d));
  ck_assert_int_ge (d.year, 2025);
}
END_TEST

static Suite *
date_suite (void)
{
  Suite *s = suite_create ("date");
  TCase *parse = tcase_create ("parse");
  TCase *arithmetic = tcase_create ("arithmetic");
  TCase *periods = tcase_create ("periods");
  TCase *today = tcase_create ("today");

  tcase_add_test (parse, test_date_parses_and_formats);
  tcase_add_test (parse, test_date_knows_leap_years);
  tcase_add_test (parse, test_date_refuses_other_shapes);
  tcase_add_test (arithmetic, test_date_compares);
  tcase_add_test (arithmetic, test_date_adds_days_across_months_and_years);
  tcase_add_test (arithmetic, test_date_counts_days_between);
  tcase_add_test (periods, test_date_parses_quarters_and_months);
  tcase_add_test (periods, test_date_refuses_bad_periods);
  tcase_add_test (periods, test_date_period_of_date_and_year);
  tcase_add_test (today, test_date_today_honours_dokus_today);
  suite_add_tcase (s, parse);
  suite_add_tcase (s, arithmetic);
  suite_add_tcase (s, periods);
  suite_add_tcase (s, today);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (date_suite ());
}
