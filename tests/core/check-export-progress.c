/* check-export-progress.c
 *
 * Suite "export-progress": dokus_export_with_progress() tells how far it
 * got, one step per file, per document and per receipt, with a total
 * known from the start; a cancel midway (or at the last step) returns
 * DOKUS_ERR_REFUSED and leaves nothing behind: no file, no directory it
 * made, no audit entry. An empty directory given by the caller stays,
 * empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"

static char      *dir;
static DokusBook *book;

/* A book with 3 documents (drafts count) and 2 purchases with 3 receipts:
 * 9 file steps + 3 documents + 3 receipts = 15 steps. */
#define STEPS 15

static void
must (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static void
setup (void)
{
  static const unsigned char pdf[] = "%PDF-1.4 bill";
  static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  DokusAttachmentInput two[] = { { "bill.pdf", pdf, sizeof pdf - 1 },
                                 { "photo.png", png, sizeof png } };
  DokusAttachmentInput one[] = { { "ticket.txt", (const unsigned char *) "paid", 4 } };
  char client[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT], json[512];
  DokusError err = { 0 };
  char *path;

  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_TODAY", "2026-11-25", 1);
  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "book.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  free (path);
  must (dokus_profile_set (book, "{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\"}",
                           &err),
        &err, "profile");
  must (dokus_client_add (book, "{\"name\":\"Jan Peeters\",\"address\":{\"city\":\"Leuven\","
                                "\"country\":\"BE\"}}",
                          client, &err),
        &err, "client");
  for (int i = 0; i < 3; i++)
    {
      snprintf (json, sizeof json,
                "{\"client\":\"%s\",\"lines\":[{\"description\":\"Work %d\",\"quantity\":\"1\","
                "\"unit_price\":\"100\",\"vat_rate\":\"21\"}]}",
                client, i);
      must (dokus_invoice_create (book, json, id, &err), &err, "draft");
    }
  must (dokus_expense_add (book,
                           "{\"date\":\"2026-11-02\",\"supplier\":{\"name\":\"Telenet BV\","
                           "\"country\":\"BE\"},\"number\":\"F-1\",\"category\":\"telecom\","
                           "\"kind\":\"services\",\"vat_treatment\":\"domestic\",\"lines\":"
                           "[{\"base\":\"50.00\",\"vat_rate\":\"21\",\"vat_amount\":\"10.50\"}]}",
                           two, 2, id, &err),
        &err, "expense");
  must (dokus_expense_add (book,
                           "{\"date\":\"2026-11-03\",\"supplier\":{\"name\":\"Bakkerij\","
                           "\"country\":\"BE\"},\"category\":\"office\",\"kind\":\"services\","
                           "\"vat_treatment\":\"none\",\"lines\":[{\"base\":\"4.00\","
                           "\"vat_rate\":\"0\"}]}",
                           one, 1, id, &err),
        &err, "expense");
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

typedef struct {
  unsigned long calls, last_done, total, cancel_at;
  bool          monotonic;
} Seen;

static bool
progress_cb (unsigned long done, unsigned long total, void *data)
{
  Seen *seen = data;

  if (seen->calls == 0)
    {
      seen->monotonic = done == 0;
      seen->total = total;
    }
  else if (done != seen->last_done + 1 || total != seen->total)
    seen->monotonic = false;
  seen->calls++;
  seen->last_done = done;
  return seen->cancel_at == 0 || done < seen->cancel_at;
}

static long long
exports_audited (void)
{
  return dokus_test_query_int (dokus_book_get_db (book),
                               "SELECT count(*) FROM audit_log WHERE action = 'export'");
}

START_TEST (test_export_progress_counts_every_step)
{
  Seen seen = { 0 };
  DokusError err = { 0 };
  char *out = dokus_test_path (dir, "export");
  char *readme = dokus_test_path (out, "README.txt");

  must (dokus_export_with_progress (book, out, progress_cb, &seen, &err), &err, "export");
  ck_assert (seen.monotonic);
  ck_assert_uint_eq (seen.total, STEPS);
  ck_assert_uint_eq (seen.calls, STEPS + 1); /* 0, 1, ..., 15 */
  ck_assert_uint_eq (seen.last_done, STEPS);
  ck_assert (dokus_platform_path_exists (readme));
  ck_assert_int_eq (exports_audited (), 1);
  free (readme);
  free (out);
}
END_TEST

/* Cancels at step @at; nothing of the export may remain. */
static void
cancel_at (unsigned long at)
{
  Seen seen = { .cancel_at = at };
  DokusError err = { 0 };
  char *out = dokus_test_path (dir, "export");

  ck_assert_int_eq (dokus_export_with_progress (book, out, progress_cb, &seen, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "progress");
  ck_assert_uint_eq (seen.last_done, at);
  ck_assert_msg (!dokus_platform_path_exists (out), "cancelled at %lu: %s was left behind", at,
                 out);
  ck_assert_int_eq (exports_audited (), 0);
  free (out);
}

START_TEST (test_export_cancelled_midway_leaves_nothing)
{
  cancel_at (5);          /* README, profile, clients, 2 of the 3 documents written */
  cancel_at (11);         /* every JSON file and the sales journal */
  cancel_at (STEPS - 1);  /* 2 of the 3 receipts */
  cancel_at (STEPS);      /* every file: still not an export until it is audited */
  /* and then a whole export goes through */
  {
    DokusError err = { 0 };
    char *out = dokus_test_path (dir, "export");
    must (dokus_export_with_progress (book, out, NULL, NULL, &err), &err, "export");
    ck_assert_int_eq (exports_audited (), 1);
    free (out);
  }
}
END_TEST

START_TEST (test_export_cancelled_keeps_the_empty_directory_given)
{
  Seen seen = { .cancel_at = 13 };
  DokusError err = { 0 };
  char *out = dokus_test_path (dir, "chosen");

  ck_assert (dokus_platform_make_dir (out));
  ck_assert_int_eq (dokus_export_with_progress (book, out, progress_cb, &seen, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert (dokus_platform_path_exists (out));
  ck_assert (dokus_platform_dir_is_empty (out));
  free (out);
}
END_TEST

static bool
refuse_cb (unsigned long done, unsigned long total, void *data)
{
  unsigned long *calls = data;

  (void) done;
  (void) total;
  (*calls)++;
  return false;
}

START_TEST (test_export_cancelled_before_the_first_file)
{
  unsigned long calls = 0;
  DokusError err = { 0 };
  char *out = dokus_test_path (dir, "export");

  ck_assert_int_eq (dokus_export_with_progress (book, out, refuse_cb, &calls, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_uint_eq (calls, 1);
  ck_assert (!dokus_platform_path_exists (out));
  free (out);
}
END_TEST

static Suite *
export_progress_suite (void)
{
  Suite *s = suite_create ("export-progress");
  TCase *tc = tcase_create ("progress");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_export_progress_counts_every_step);
  tcase_add_test (tc, test_export_cancelled_midway_leaves_nothing);
  tcase_add_test (tc, test_export_cancelled_keeps_the_empty_directory_given);
  tcase_add_test (tc, test_export_cancelled_before_the_first_file);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (export_progress_suite ());
}
