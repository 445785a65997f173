/* check-crash.c
 *
 * Suite "crash": a child process commits transactions into a book and
 * reports each commit on a pipe once COMMIT has returned; the parent kills
 * it with SIGKILL at a random moment. After every kill the book must open,
 * pass PRAGMA integrity_check, and hold every reported commit; what earlier
 * rounds left must never change. Runs on a book (WAL, through the public
 * API) and on a rollback-journal database through the raw VFS.
 *
 * DOKUS_CRASH_ROUNDS (default 200) and DOKUS_CRASH_SEED make it longer or
 * reproducible; the seed is printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dokus-test-helpers.h"

#define HEXKEY "8899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677"

static char *dir;

static void
setup (void)
{
  DokusError err = { 0 };
  dir = dokus_test_tmpdir_new ();
  ck_assert_int_eq (dokus_vfs_register (&err), DOKUS_OK);
}

static void
teardown (void)
{
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

typedef struct {
  DokusBook *book;
  sqlite3   *db;
} Handle;

/* Opens the test database: the book through the API, or the raw rollback
 * journal file through the VFS. false on any error. */
static bool
handle_open (const char *path, bool raw, Handle *h)
{
  memset (h, 0, sizeof *h);
  if (!raw)
    {
      if (dokus_book_open (path, "pw", &h->book, NULL) != DOKUS_OK)
        return false;
      h->db = dokus_book_get_db (h->book);
      return true;
    }
  char *uri = sqlite3_mprintf ("file:%s?vfs=dokus&hexkey=" HEXKEY, path);
  int reserve = 40;
  int rc = sqlite3_open_v2 (uri, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                            NULL);
  sqlite3_free (uri);
  if (rc != SQLITE_OK)
    return false;
  sqlite3_file_control (h->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  sqlite3_busy_timeout (h->db, 5000);
  return sqlite3_exec (h->db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", NULL,
                       NULL, NULL)
         == SQLITE_OK;
}

static void
handle_close (Handle *h)
{
  if (h->book)
    dokus_book_close (h->book);
  else
    sqlite3_close (h->db);
}

/* The child: commits forever, reporting each sequence number after COMMIT. */
static void
writer (const char *path, bool raw, int round, int fd, unsigned seed)
{
  Handle h;
  sqlite3_stmt *ins = NULL, *upd = NULL;

  srand (seed);
  if (!handle_open (path, raw, &h))
    _exit (3);
  if (sqlite3_prepare_v2 (h.db, "INSERT INTO t (round, seq, payload) VALUES (?1, ?2, randomblob(?3))",
                          -1, &ins, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (h.db, "UPDATE t SET payload = randomblob(?3) WHERE round = ?1 AND seq = ?2",
                             -1, &upd, NULL) != SQLITE_OK)
    _exit (4);
  for (int seq = 1;; seq++)
    {
      if (sqlite3_exec (h.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        _exit (5);
      /* a few rows per transaction, some big enough for overflow pages */
      for (int k = 0; k < 1 + rand () % 3; k++)
        {
          sqlite3_stmt *s = k == 0 ? ins : upd;
          sqlite3_bind_int (s, 1, round);
          sqlite3_bind_int (s, 2, k == 0 ? seq : 1 + rand () % seq);
          sqlite3_bind_int (s, 3, 50 + rand () % (rand () % 8 == 0 ? 9000 : 600));
          if (sqlite3_step (s) != SQLITE_DONE)
            _exit (6);
          sqlite3_reset (s);
        }
      if (sqlite3_exec (h.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        _exit (7);
      if (write (fd, &seq, sizeof seq) != sizeof seq)
        _exit (8);
      if (!raw && seq % 25 == 0)
        sqlite3_exec (h.db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
    }
}

static void
run_crashes (bool raw)
{
  char *path = dokus_test_path (dir, raw ? "journal.db" : "book.dokus");
  const char *env_rounds = getenv ("DOKUS_CRASH_ROUNDS");
  const char *env_seed = getenv ("DOKUS_CRASH_SEED");
  int rounds = env_rounds ? atoi (env_rounds) : 200;
  unsigned seed = env_seed ? (unsigned) strtoul (env_seed, NULL, 10) : (unsigned) time (NULL);
  long long *kept = calloc ((size_t) rounds + 1, sizeof *kept);
  Handle h;

  fprintf (stderr, "crash (%s): %d rounds, DOKUS_CRASH_SEED=%u\n", raw ? "rollback journal" : "book, WAL",
           rounds, seed);
  srand (seed);
  if (!raw)
    dokus_book_close (dokus_test_book_create (path, "pw", NULL));
  ck_assert (handle_open (path, raw, &h));
  dokus_test_exec (h.db, "CREATE TABLE t (round INTEGER NOT NULL, seq INTEGER NOT NULL, "
                         "payload BLOB, PRIMARY KEY (round, seq))");
  handle_close (&h);

  for (int round = 1; round <= rounds; round++)
    {
      int fds[2], status, seq, last = 0;
      unsigned child_seed = (unsigned) rand ();
      pid_t pid;
      char q[160];

      ck_assert_int_eq (pipe (fds), 0);
      pid = fork ();
      ck_assert_int_ge (pid, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (path, raw, round, fds[1], child_seed);
        }
      close (fds[1]);
      /* let it work between 1 and 60 ms (opening takes a few), then kill */
      usleep ((useconds_t) (1000 + rand () % 60000));
      kill (pid, SIGKILL);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      ck_assert_msg (WIFSIGNALED (status), "round %d: writer exited early with %d", round,
                     WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      while (read (fds[0], &seq, sizeof seq) == sizeof seq)
        last = seq;
      close (fds[0]);

      ck_assert_msg (handle_open (path, raw, &h), "round %d: the book does not open", round);
      char *ok = dokus_test_query_text (h.db, "PRAGMA integrity_check");
      ck_assert_msg (strcmp (ok, "ok") == 0, "round %d: integrity_check: %s", round, ok);
      free (ok);
      snprintf (q, sizeof q, "SELECT count(*) FROM t WHERE round = %d AND seq <= %d", round, last);
      ck_assert_msg (dokus_test_query_int (h.db, q) == last,
                     "round %d: a reported commit is missing (reported %d)", round, last);
      snprintf (q, sizeof q, "SELECT count(*) FROM t WHERE round = %d", round);
      kept[round] = dokus_test_query_int (h.db, q);
      /* at most one commit happened that the kill kept from being reported */
      ck_assert_int_le (kept[round], last + 1);
      if (round % 20 == 0 || round == rounds)
        for (int r = 1; r <= round; r++)
          {
            snprintf (q, sizeof q, "SELECT count(*) FROM t WHERE round = %d", r);
            ck_assert_msg (dokus_test_query_int (h.db, q) == kept[r],
                           "round %d changed after round %d", r, round);
          }
      handle_close (&h);
    }
  free (kept);
  free (path);
}

START_TEST (test_crash_book_wal)
{
  run_crashes (false);
}
END_TEST

START_TEST (test_crash_rollback_journal)
{
  run_crashes (true);
}
END_TEST

static Suite *
crash_suite (void)
{
  Suite *s = suite_create ("crash");
  TCase *kill9 = tcase_create ("sigkill");

  tcase_add_checked_fixture (kill9, setup, teardown);
  tcase_set_timeout (kill9, 1500);
  tcase_add_test (kill9, test_crash_book_wal);
  tcase_add_test (kill9, test_crash_rollback_journal);
  suite_add_tcase (s, kill9);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (crash_suite ());
}
