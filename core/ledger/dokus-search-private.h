/* dokus-search-private.h
 *
 * Full-text search over the book (the FTS5 tables of schema/book/0003) and
 * sets of documents for the document list: what the user types is split
 * into words, each searched as a prefix and quoted, so that no input is
 * ever read as FTS5 syntax.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-error.h"

#define DOKUS_SEARCH_WORDS_MAX 16
#define DOKUS_SEARCH_TEXT_MAX 1000

typedef struct {
  char  *match[DOKUS_SEARCH_WORDS_MAX]; /* one FTS5 query per word: "word"* */
  size_t n;
} DokusSearchWords;

/* Splits @text (nullable) into words: runs of ASCII letters and digits and
 * of non-ASCII characters; everything else (spaces, quotes, '*', '-', ':',
 * '^', parentheses...) separates words. "AND" is the word "and", not an
 * operator. No words (empty text, only punctuation) gives n == 0.
 * DOKUS_ERR_INVALID (field "search") for more than DOKUS_SEARCH_WORDS_MAX
 * words or DOKUS_SEARCH_TEXT_MAX bytes. Clear @out after use, also after
 * an error. */
DokusStatus dokus_search_words_parse (const char *text, DokusSearchWords *out, DokusError *err);
void dokus_search_words_clear (DokusSearchWords *w);

/* Every word of @w in one FTS5 query: all must match (one row).
 * (transfer full) sqlite3_free() it; NULL when out of memory. */
char *dokus_search_words_all (const DokusSearchWords *w);

/* A set of rows of one table, by rowid: one byte per rowid, 1 for a
 * member, so that SQL tests it as substr(?, rowid, 1) = x'01' (the bytes
 * bound as a blob; see DOKUS_ROWSET_SQL). Rowids outside 1..size are not
 * members. */
typedef struct {
  unsigned char *bytes;
  sqlite3_int64  size;
} DokusRowSet;

/* The SQL test of "@rowid is in the set bound as parameter @param". */
#define DOKUS_ROWSET_SQL(rowid, param) \
  "(" rowid " > 0 AND substr(" param ", " rowid ", 1) = x'01')"

/* An empty set for rowids up to @max_rowid. */
DokusStatus dokus_rowset_init (DokusRowSet *s, sqlite3_int64 max_rowid, DokusError *err);
void dokus_rowset_add (DokusRowSet *s, sqlite3_int64 rowid);
bool dokus_rowset_has (const DokusRowSet *s, sqlite3_int64 rowid);
/* @s becomes @s ∩ @other. */
void dokus_rowset_intersect (DokusRowSet *s, const DokusRowSet *other);
sqlite3_int64 dokus_rowset_count (const DokusRowSet *s);
void dokus_rowset_clear (DokusRowSet *s);

/* The largest rowid of the documents (0 for none). */
DokusStatus dokus_search_max_document_rowid (sqlite3 *db, sqlite3_int64 *out, DokusError *err);

/* Fills @out (made empty by dokus_rowset_init for the documents) with the
 * documents that match every word of @w (n > 0), each word in any of:
 * the document's number, buyer and order references, note, structured
 * communication, one of its lines' descriptions, or its client's name,
 * VAT number, enterprise number, e-mail address or city. */
DokusStatus dokus_search_documents (sqlite3 *db, const DokusSearchWords *w, DokusRowSet *out,
                                    DokusError *err);
