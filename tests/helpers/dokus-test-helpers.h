/* dokus-test-helpers.h
 *
 * Shared test fixtures: a private temporary directory per test, books with
 * the minimum KDF cost (fast, for tests only), the standard seller and
 * client most suites start from, and small file utilities.
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

/* printf into one of a ring of 32 buffers of 8 KiB, every ' turned into "
 * so that JSON reads in C; (transfer none), valid for the next 31 calls.
 * Fails the test if the text does not fit. */
const char *dokus_test_js (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Sets the seller profile of @book to @json, or with @json NULL to the
 * standard one: "Studio Maes", enterprise 0203.201.340, IBAN
 * BE68539007547034, BIC GEBABEBB, Veldstraat 1, 9000 Gent, BE. Fails the
 * test with the error message and field on error. */
void dokus_test_set_profile (DokusBook *book, const char *json);

/* Adds the client @json to @book, or with @json NULL the standard one:
 * "Atelier Lumiere SRL", BE0417497106, Rue Haute 48, 1000 Brussel, BE;
 * its id goes into @id. Fails the test with the error message and field
 * on error. */
void dokus_test_add_client (DokusBook *book, const char *json, char id[DOKUS_ID_TEXT]);

/* Creates a draft invoice on @book for @client dated @date (NULL: none)
 * with @lines (the inside of the "lines" array, ' for ") and @extra
 * (", 'key': value" or NULL); returns its id (transfer none, valid for the
 * next 63 calls). Fails the test with the error message and field on
 * error. */
const char *dokus_test_create_invoice (DokusBook *book, const char *client, const char *date,
                                       const char *lines, const char *extra);

/* Creates an invoice from @json (dokus_invoice_create) and issues it;
 * its number goes into @number. Fails the test with the error message
 * (and field) on error. */
void dokus_test_issue_invoice (DokusBook *book, const char *json, char number[DOKUS_NUMBER_TEXT]);

/* The usual main(): runs @s (taken over and freed) with CK_NORMAL output
 * in a new runner; EXIT_SUCCESS if no test failed, else EXIT_FAILURE. */
int dokus_test_run_suite (Suite *s);

/* A new temporary directory (*@dir) holding a new book "a.dokus" with
 * passphrase "pw" (dokus_test_book_create()); the usual setup. *@path
 * gets the book's path if @path is not NULL. Undo it with
 * dokus_test_book_free(). */
DokusBook *dokus_test_book_new (char **dir, char **path);

/* Closes *@book, frees *@path (@path nullable), removes and frees *@dir,
 * and sets them to NULL; the usual teardown. */
void dokus_test_book_free (DokusBook **book, char **path, char **dir);

/* Runs @sql on @db, failing the test with SQLite's message on error. */
void dokus_test_exec (sqlite3 *db, const char *sql);

/* The first column of the first row of @sql as an integer / new string
 * (free() it); fails the test when there is no row. */
long long dokus_test_query_int (sqlite3 *db, const char *sql);
char *dokus_test_query_text (sqlite3 *db, const char *sql);

/* What `audit verify` finds wrong in @book (a new string, free() it): ""
 * when nothing; else the report's problem, after asserting that the
 * verdict is DOKUS_ERR_CORRUPT with the hash chains intact. */
char *dokus_test_audit_problem (DokusBook *book);

/* Reads a whole file (transfer full, free()); NULL if it does not exist. */
unsigned char *dokus_test_read_file (const char *path, size_t *len);
bool dokus_test_write_file (const char *path, const unsigned char *data, size_t len);

/* true if @needle occurs in the file at @path (false if no file). */
bool dokus_test_file_contains (const char *path, const char *needle);

/* The source root (for ../shared and scripts); from DOKUS_SOURCE_ROOT. */
const char *dokus_test_source_root (void);
