/* dokus-test-helpers.h
 *
 * Shared test fixtures: a private temporary directory per test, books with
 * the minimum KDF cost (fast, for tests only), and small file utilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <check.h>
#include <sqlite3.h>

#include <dokus/dokus.h>

/* A new temporary directory (transfer full: dokus_test_tmpdir_free()
 * removes it and everything in it, then frees the string). */
char *dokus_test_tmpdir_new (void);
void dokus_test_tmpdir_free (char *dir);

/* "@dir/@name", (transfer full) free() it. */
char *dokus_test_path (const char *dir, const char *name);

/* Creates a book at @path with @passphrase and the minimum KDF cost;
 * fails the test on error. *@recovery (if not NULL) gets the recovery key,
 * to be freed with dokus_secret_free(). */
DokusBook *dokus_test_book_create (const char *path, const char *passphrase, char **recovery);

/* Runs @sql on @db, failing the test with SQLite's message on error. */
void dokus_test_exec (sqlite3 *db, const char *sql);

/* The first column of the first row of @sql as an integer / new string
 * (free() it); fails the test when there is no row. */
long long dokus_test_query_int (sqlite3 *db, const char *sql);
char *dokus_test_query_text (sqlite3 *db, const char *sql);

/* Reads a whole file (transfer full, free()); NULL if it does not exist. */
unsigned char *dokus_test_read_file (const char *path, size_t *len);
bool dokus_test_write_file (const char *path, const unsigned char *data, size_t len);

/* true if @needle occurs in the file at @path (false if no file). */
bool dokus_test_file_contains (const char *path, const char *needle);

/* The source root (for ../shared and scripts); from DOKUS_SOURCE_ROOT. */
const char *dokus_test_source_root (void);
