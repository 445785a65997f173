/* dokus-date.c
 *
 * Calendar dates and periods. Day arithmetic goes through a day number
 * (days since 1970-01-01) with Howard Hinnant's public-domain
 * days_from_civil / civil_from_days algorithms, exact for any year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus/dokus-date.h"
#include "dokus/dokus-platform.h"

static const char *const month_names[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static bool
is_leap_year (int32_t year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
dokus_date_days_in_month (int32_t year, int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  assert (month >= 1 && month <= 12);
  return month == 2 && is_leap_year (year) ? 29 : days[month - 1];
}

/* a real day of the calendar, in any year */
static bool
is_calendar_date (DokusDate d)
{
  return d.month >= 1 && d.month <= 12 && d.day >= 1
         && d.day <= dokus_date_days_in_month (d.year, d.month);
}

bool
dokus_date_is_valid (DokusDate d)
{
  return d.year >= DOKUS_DATE_YEAR_MIN && d.year <= DOKUS_DATE_YEAR_MAX && is_calendar_date (d);
}

static int64_t
days_from_civil (DokusDate d)
{
  int64_t y = (int64_t) d.year - (d.month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;                                         /* [0, 399] */
  int64_t doy = (153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                 /* [0, 146096] */

  return era * 146097 + doe - 719468;
}

static DokusDate
civil_from_days (int64_t z)
{
  int64_t era, doe, yoe, doy, mp, y;
  DokusDate d;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d.day = (uint8_t) (doy - (153 * mp + 2) / 5 + 1);
  d.month = (uint8_t) (mp < 10 ? mp + 3 : mp - 9);
  d.year = (int32_t) (y + (d.month <= 2));
  return d;
}

/* the value of @n digits at @s, or -1 if one is not a digit */
static int
parse_digits (const char *s, int n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

static void
put_digits (char *s, int v, int n)
{
  for (int i = n - 1; i >= 0; i--)
    {
      s[i] = (char) ('0' + v % 10);
      v /= 10;
    }
}

DokusStatus
dokus_date_parse (const char *text, const char *field, DokusDate *out, DokusError *err)
{
  int year, month, day;

  assert (out != NULL);
  if (text == NULL || text[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "a date is required, as YYYY-MM-DD (e.g. 2026-03-31)");
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || (year = parse_digits (text, 4)) < 0 || (month = parse_digits (text + 5, 2)) < 0
      || (day = parse_digits (text + 8, 2)) < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' is not a date: expected YYYY-MM-DD (e.g. 2026-03-31)", text);
  if (year < DOKUS_DATE_YEAR_MIN)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s: the year must be from %d to %d", text, DOKUS_DATE_YEAR_MIN,
                            DOKUS_DATE_YEAR_MAX);
  if (month < 1 || month > 12)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s is not a date: the month must be from 01 to 12", text);
  if (day < 1 || day > dokus_date_days_in_month (year, month))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s is not a date: %s %d has %d days", text, month_names[month - 1],
                            year, dokus_date_days_in_month (year, month));
  out->year = year;
  out->month = (uint8_t) month;
  out->day = (uint8_t) day;
  return DOKUS_OK;
}

char *
dokus_date_format (DokusDate d, char buf[DOKUS_DATE_TEXT])
{
  assert (buf != NULL);
  assert (dokus_date_is_valid (d));
  put_digits (buf, d.year, 4);
  buf[4] = '-';
  put_digits (buf + 5, d.month, 2);
  buf[7] = '-';
  put_digits (buf + 8, d.day, 2);
  buf[10] = '\0';
  return buf;
}

int
dokus_date_cmp (DokusDate a, DokusDate b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  return (a.day > b.day) - (a.day < b.day);
}

DokusDate
dokus_date_add_days (DokusDate d, int32_t days)
{
  assert (is_calendar_date (d));
  return civil_from_days (days_from_civil (d) + days);
}

int32_t
dokus_date_days_between (DokusDate a, DokusDate b)
{
  int64_t diff;

  assert (is_calendar_date (a) && is_calendar_date (b));
  diff = days_from_civil (b) - days_from_civil (a);
  assert (diff >= INT32_MIN && diff <= INT32_MAX);
  return (int32_t) diff;
}

DokusDate
dokus_date_today (void)
{
  const char *fixed = getenv ("DOKUS_TODAY");
  DokusDate d = { 0 };
  int year = 1970, month = 1, day = 1; /* only seen if the clock fails with NDEBUG */
  bool ok;

  if (fixed != NULL && dokus_date_parse (fixed, "DOKUS_TODAY", &d, NULL) == DOKUS_OK)
    return d;
  ok = dokus_platform_local_date (&year, &month, &day);
  assert (ok); /* only fails if the system clock does */
  (void) ok;
  d.year = year;
  d.month = (uint8_t) month;
  d.day = (uint8_t) day;
  return d;
}

static DokusPeriod
make_period (int32_t year, int first_month, int months, bool is_quarter)
{
  DokusPeriod p = { .is_quarter = is_quarter };
  int last = first_month + months - 1;

  p.from = (DokusDate) { year, (uint8_t) first_month, 1 };
  p.to = (DokusDate) { year, (uint8_t) last, (uint8_t) dokus_date_days_in_month (year, last) };
  put_digits (p.label, year, 4);
  if (months == 12)
    return p; /* "2026" */
  p.label[4] = '-';
  if (is_quarter)
    {
      p.label[5] = 'Q';
      p.label[6] = (char) ('0' + (first_month + 2) / 3);
    }
  else
    put_digits (p.label + 5, first_month, 2);
  return p;
}

DokusStatus
dokus_period_parse (const char *text, const char *field, DokusPeriod *out, DokusError *err)
{
  int year, n;

  assert (out != NULL);
  if (text == NULL || strlen (text) != 7 || text[4] != '-' || (year = parse_digits (text, 4)) < 0)
    goto malformed;
  if (year < DOKUS_DATE_YEAR_MIN)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s: the year must be from %d to %d",
                            text, DOKUS_DATE_YEAR_MIN, DOKUS_DATE_YEAR_MAX);
  if (text[5] == 'Q' || text[5] == 'q')
    {
      if ((n = parse_digits (text + 6, 1)) < 1 || n > 4)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "%s is not a quarter: expected Q1 to Q4", text);
      *out = make_period (year, 3 * n - 2, 3, true);
      return DOKUS_OK;
    }
  if ((n = parse_digits (text + 5, 2)) < 0)
    goto malformed;
  if (n < 1 || n > 12)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s is not a month: the month must be from 01 to 12", text);
  *out = make_period (year, n, 1, false);
  return DOKUS_OK;

malformed:
  return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "'%.40s' is not a period: expected a month YYYY-MM (e.g. 2026-11) "
                          "or a quarter YYYY-Qn (e.g. 2026-Q4)",
                          text ? text : "");
}

DokusPeriod
dokus_period_of_date (DokusDate d, bool quarter)
{
  assert (dokus_date_is_valid (d));
  if (quarter)
    return make_period (d.year, (d.month - 1) / 3 * 3 + 1, 3, true);
  return make_period (d.year, d.month, 1, false);
}

DokusPeriod
dokus_period_year (int32_t year)
{
  assert (year >= DOKUS_DATE_YEAR_MIN && year <= DOKUS_DATE_YEAR_MAX);
  return make_period (year, 1, 12, false);
}
