/* dokus-date.h
 *
 * Calendar dates without time or zone (invoice, due and payment dates),
 * in the proleptic Gregorian calendar, and the periods VAT returns and
 * reports cover: a month, a quarter or a year. Text forms are ISO 8601:
 * "2026-03-31", "2026-03", "2026-Q1", "2026".
 *
 * A *valid* date is a real calendar date (leap years included) in the
 * years 1900..9999, the range dokus_date_parse() accepts. Functions
 * documented as taking a valid date assert it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "dokus-error.h"
#include "dokus-types.h"

typedef struct {
  int32_t year;
  uint8_t month;                 /* 1..12 */
  uint8_t day;                   /* 1..31 */
} DokusDate;

/* "YYYY-MM-DD" and its NUL */
#define DOKUS_DATE_TEXT 11

#define DOKUS_DATE_YEAR_MIN 1900
#define DOKUS_DATE_YEAR_MAX 9999

/* An inclusive range of days with a normalized label. */
typedef struct {
  DokusDate from;                /* first day */
  DokusDate to;                  /* last day, inclusive */
  char      label[16];           /* "2026-Q4", "2026-11" or "2026" */
  bool      is_quarter;
} DokusPeriod;

/* Parses exactly "YYYY-MM-DD" (four, two and two digits, '-' between; no
 * spaces, no time) into a valid date. Returns DOKUS_ERR_INVALID
 * (err->field = @field, nullable) for NULL or empty text, another shape,
 * a year outside 1900..9999, or a day the month does not have
 * ("2026-02-29": February 2026 has 28 days).
 * @out (OUT): untouched on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_date_parse (const char *text, const char *field, DokusDate *out,
                              DokusError *err);

/* Writes valid date @d as "YYYY-MM-DD". Returns @buf. */
DOKUS_PUBLIC char *dokus_date_format (DokusDate d, char buf[DOKUS_DATE_TEXT]);

/* Negative, 0 or positive as @a is before, the same day as, or after @b. */
DOKUS_PUBLIC int dokus_date_cmp (DokusDate a, DokusDate b);

/* true if @d is a real calendar date in the years 1900..9999. */
DOKUS_PUBLIC bool dokus_date_is_valid (DokusDate d);

/* The number of days of @month (1..12, asserted) in @year: 28..31. */
DOKUS_PUBLIC int dokus_date_days_in_month (int32_t year, int month);

/* @d plus @days (negative goes back), across months and years.
 * @d must be a calendar date (asserted). The result is a calendar date;
 * it is outside 1900..9999 only when @d is within |@days| of the range's
 * ends, so check it with dokus_date_is_valid() when @d or @days come from
 * input (a due date 30 days after 9999-12-15 is not valid). */
DOKUS_PUBLIC DokusDate dokus_date_add_days (DokusDate d, int32_t days);

/* @b − @a in days: 1 from 2026-12-31 to 2027-01-01, negative when @b is
 * before @a. Both must be calendar dates (asserted). */
DOKUS_PUBLIC int32_t dokus_date_days_between (DokusDate a, DokusDate b);

/* Today's date in the local time zone.
 * The environment variable DOKUS_TODAY=YYYY-MM-DD, when set to a valid
 * date, is returned instead: the CLI and the tests use it for a fixed
 * today (due dates, overdue invoices, default periods). When it is set
 * but not a valid date it is ignored and the clock is used. */
DOKUS_PUBLIC DokusDate dokus_date_today (void);

/* Parses a month "YYYY-MM" or a quarter "YYYY-Qn" ("YYYY-qn" too), n 1..4,
 * year 1900..9999. @out (OUT) gets the inclusive first and last days
 * ("2026-Q4": 2026-10-01 to 2026-12-31) and the normalized label
 * ("2026-Q4", "2026-11"); untouched on error.
 * Returns DOKUS_ERR_INVALID (err->field = @field) for NULL or other
 * text: "2026-13", "2026-Q5", "2026-1", "2026". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_period_parse (const char *text, const char *field, DokusPeriod *out,
                                DokusError *err);

/* The month containing valid date @d, or its quarter if @quarter. */
DOKUS_PUBLIC DokusPeriod dokus_period_of_date (DokusDate d, bool quarter);

/* 1 January to 31 December of @year (1900..9999, asserted), label "2026". */
DOKUS_PUBLIC DokusPeriod dokus_period_year (int32_t year);
