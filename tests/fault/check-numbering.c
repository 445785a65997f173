/* check-numbering.c
 *
 * Suite "numbering": continuous invoice numbers survive crashes. A child
 * process issues invoices in a loop (each draft created, then issued;
 * drafts a kill left behind are issued first) and reports each number on
 * a pipe once dokus_document_issue() has returned; the parent kills it
 * with SIGKILL at a random moment. After every kill the book must open
 * and hold, per series: numbers 1..N with no gap and no duplicate, a
 * number on every issued document and none on a draft, issue dates that
 * never go down in number order, the series' last number and date equal
 * to its last document's, every reported number issued, and one audit
 * entry per issue with an intact trail.
 *
 * DOKUS_CRASH_ROUNDS (default 100) and DOKUS_CRASH_SEED make it longer or
 * reproducible; the seed is printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dokus-test-helpers.h"

static char *dir;
static char *path;

static void
setup (void)
{
  DokusBook *book;
  char id[DOKUS_ID_TEXT];

  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "book.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  dokus_test_set_profile (book, "{\"name\": \"Studio Maes\", \"enterprise_number\": "
                                "\"0203.201.340\"}");
  dokus_test_add_client (book,
                         "{\"name\": \"Atelier Lumière SRL\", \"vat_number\": "
                         "\"BE0417497106\", \"address\": {\"country\": \"BE\"}}",
                         id);
  dokus_book_close (book);
}

static void
teardown (void)
{
  free (path);
  path = NULL;
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

/* "Today" for the @n-th issue: 2026-01-01 and one more day every seventh,
 * so that dates go up now and then and stay within 2026 for ~2500 issues. */
static void
set_today (long long n)
{
  DokusDate d = dokus_date_add_days ((DokusDate) { .year = 2026, .month = 1, .day = 1 },
                                     (int32_t) (n / 7));
  char text[DOKUS_DATE_TEXT];
  setenv ("DOKUS_TODAY", dokus_date_format (d, text), 1);
}

static void
issue_and_report (DokusBook *book, const char *id, long long *issued, int fd)
{
  DokusIssueResult res;
  char number[DOKUS_NUMBER_TEXT] = "";

  set_today (*issued);
  if (dokus_document_issue (book, id, &res, NULL) != DOKUS_OK)
    _exit (5);
  (*issued)++;
  snprintf (number, sizeof number, "%s", res.number);
  if (write (fd, number, sizeof number) != (ssize_t) sizeof number)
    _exit (6);
}

/* The child: issues forever. */
static void
writer (int fd)
{
  static const char invoice[]
    = "{\"client\": \"Atelier Lumière SRL\", \"lines\": [{\"description\": \"Work\","
      " \"quantity\": \"3\", \"unit_price\": \"33.333\", \"vat_rate\": \"21\"}]}";
  DokusBook *book = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  char (*drafts)[DOKUS_ID_TEXT] = NULL;
  size_t n_drafts = 0;
  long long issued;

  if (dokus_book_open (path, "pw", &book, NULL) != DOKUS_OK)
    _exit (3);
  db = dokus_book_get_db (book);
  issued = dokus_test_query_int (db, "SELECT count(*) FROM documents WHERE state <> 'draft'");
  /* drafts a kill left between create and issue: issue them first */
  drafts = calloc ((size_t) dokus_test_query_int (db, "SELECT count(*) FROM documents") + 1,
                   sizeof *drafts);
  if (drafts == NULL
      || sqlite3_prepare_v2 (db,
                             "SELECT id FROM documents WHERE state = 'draft' ORDER BY created_at",
                             -1, &stmt, NULL)
           != SQLITE_OK)
    _exit (4);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    snprintf (drafts[n_drafts++], DOKUS_ID_TEXT, "%s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  for (size_t i = 0; i < n_drafts; i++)
    issue_and_report (book, drafts[i], &issued, fd);
  free (drafts);
  for (;;)
    {
      char id[DOKUS_ID_TEXT];
      if (dokus_invoice_create (book, invoice, id, NULL) != DOKUS_OK)
        _exit (7);
      issue_and_report (book, id, &issued, fd);
    }
}

/* Fails unless @sql (a count of violations) gives 0. */
static void
none (sqlite3 *db, int round, const char *what, const char *sql)
{
  long long n = dokus_test_query_int (db, sql);
  ck_assert_msg (n == 0, "round %d: %lld %s", round, n, what);
}

static void
check_book (sqlite3 *db, int round)
{
  char *ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_msg (strcmp (ok, "ok") == 0, "round %d: integrity_check: %s", round, ok);
  free (ok);
  none (db, round, "issued documents without a number",
        "SELECT count(*) FROM documents WHERE state <> 'draft'"
        " AND (number IS NULL OR series_id IS NULL OR series_number IS NULL)");
  none (db, round, "drafts with a number",
        "SELECT count(*) FROM documents WHERE state = 'draft'"
        " AND (number IS NOT NULL OR series_number IS NOT NULL)");
  /* per series: N documents numbered 1..N, each once */
  none (db, round, "series with a gap or a duplicate",
        "SELECT count(*) FROM (SELECT series_id, count(*) AS n,"
        " count(DISTINCT series_number) AS d, min(series_number) AS lo,"
        " max(series_number) AS hi FROM documents WHERE state <> 'draft' GROUP BY series_id)"
        " WHERE n <> d OR lo <> 1 OR hi <> n");
  none (db, round, "numbers that do not read YEAR-NNNN of their series",
        "SELECT count(*) FROM documents WHERE state <> 'draft'"
        " AND number <> printf('%s-%04d', substr(issue_date, 1, 4), series_number)");
  none (db, round, "issue dates that go down in number order",
        "SELECT count(*) FROM documents a JOIN documents b ON b.series_id = a.series_id"
        " AND b.series_number = a.series_number + 1 WHERE b.issue_date < a.issue_date");
  none (db, round, "series whose last number or date is not their last document's",
        "SELECT count(*) FROM series s WHERE s.last_number <> (SELECT max(series_number)"
        " FROM documents d WHERE d.series_id = s.id) OR s.last_issue_date <>"
        " (SELECT max(issue_date) FROM documents d WHERE d.series_id = s.id)");
  none (db, round, "issued documents without their one issue audit entry",
        "SELECT count(*) FROM documents d WHERE d.state <> 'draft' AND (SELECT count(*)"
        " FROM audit_log a WHERE a.action = 'issue' AND a.entity_id = d.id) <> 1");
  none (db, round, "issued documents without their VAT breakdown",
        "SELECT count(*) FROM documents d WHERE d.state <> 'draft'"
        " AND NOT EXISTS (SELECT 1 FROM document_vat v WHERE v.document_id = d.id)");
}

START_TEST (test_numbering_survives_sigkill)
{
  const char *env_rounds = getenv ("DOKUS_CRASH_ROUNDS");
  const char *env_seed = getenv ("DOKUS_CRASH_SEED");
  int rounds = env_rounds ? atoi (env_rounds) : 100;
  unsigned seed = env_seed ? (unsigned) strtoul (env_seed, NULL, 10) : (unsigned) time (NULL);
  long long issued_before = 0, reported_total = 0;

  fprintf (stderr, "numbering: %d rounds, DOKUS_CRASH_SEED=%u\n", rounds, seed);
  srand (seed);
  for (int round = 1; round <= rounds; round++)
    {
      int fds[2], status;
      long long reported = 0, issued;
      char number[DOKUS_NUMBER_TEXT];
      DokusBook *book = NULL;
      DokusError err = { 0 };
      sqlite3 *db;
      pid_t pid;

      ck_assert_int_eq (pipe (fds), 0);
      pid = fork ();
      ck_assert_int_ge (pid, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (fds[1]);
        }
      close (fds[1]);
      /* let it work between 1 and 60 ms (opening takes a few), then kill */
      usleep ((useconds_t) (1000 + rand () % 60000));
      kill (pid, SIGKILL);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      ck_assert_msg (WIFSIGNALED (status), "round %d: the writer exited early with %d", round,
                     WIFEXITED (status) ? WEXITSTATUS (status) : -1);

      ck_assert_msg (dokus_book_open (path, "pw", &book, &err) == DOKUS_OK,
                     "round %d: the book does not open: %s", round, err.message);
      db = dokus_book_get_db (book);
      /* every number reported is issued, as reported */
      while (read (fds[0], number, sizeof number) == (ssize_t) sizeof number)
        {
          char sql[160];
          number[DOKUS_NUMBER_TEXT - 1] = '\0';
          snprintf (sql, sizeof sql,
                    "SELECT count(*) FROM documents WHERE number = '%s' AND state <> 'draft'",
                    number);
          ck_assert_msg (dokus_test_query_int (db, sql) == 1,
                         "round %d: reported %s is not in the book", round, number);
          reported++;
        }
      close (fds[0]);
      check_book (db, round);
      /* at most one issue happened that the kill kept from being reported */
      issued = dokus_test_query_int (db, "SELECT count(*) FROM documents WHERE state <> 'draft'");
      ck_assert_int_ge (issued - issued_before, reported);
      ck_assert_int_le (issued - issued_before, reported + 1);
      issued_before = issued;
      reported_total += reported;
      if (round % 20 == 0 || round == rounds)
        {
          DokusAuditReport report;
          ck_assert_msg (dokus_audit_verify (book, &report, &err) == DOKUS_OK,
                         "round %d: audit: %s", round, err.message);
        }
      dokus_book_close (book);
    }
  fprintf (stderr, "numbering: %lld issued, %lld reported\n", issued_before, reported_total);
  /* the child did issue, most rounds */
  ck_assert_int_gt (issued_before, rounds / 2);
}
END_TEST

static Suite *
numbering_suite (void)
{
  Suite *s = suite_create ("numbering");
  TCase *kill9 = tcase_create ("sigkill");

  tcase_add_checked_fixture (kill9, setup, teardown);
  tcase_set_timeout (kill9, 1500);
  tcase_add_test (kill9, test_numbering_survives_sigkill);
  suite_add_tcase (s, kill9);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (numbering_suite ());
}
