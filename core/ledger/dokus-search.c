/* dokus-search.c
 *
 * Full-text search (dokus-search-private.h): user text made into FTS5
 * queries that can only ever mean "these words, as prefixes", and the
 * documents that match them, gathered as a set of rowids that the document
 * list filters on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-search-private.h"

/* rows a set may hold: 128 MiB of bytes at most */
#define ROWSET_MAX ((sqlite3_int64) 1 << 27)
/* a line is indexed under its document's rowid << 20 plus its position
 * (schema/book/0003) */
#define LINE_ROWID_SHIFT 20

static bool
is_word_byte (unsigned char c)
{
  /* FTS5's unicode61 tokenizer splits ASCII at everything but letters and
   * digits; non-ASCII bytes are kept in the word and quoted with it, so a
   * separator such as U+2019 inside one makes a phrase ("l’atelier"*) */
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void
dokus_search_words_clear (DokusSearchWords *w)
{
  if (w == NULL)
    return;
  for (size_t i = 0; i < w->n; i++)
    sqlite3_free (w->match[i]);
  memset (w, 0, sizeof *w);
}

DokusStatus
dokus_search_words_parse (const char *text, DokusSearchWords *out, DokusError *err)
{
  const char *p = text;

  memset (out, 0, sizeof *out);
  if (text == NULL)
    return DOKUS_OK;
  if (strlen (text) > DOKUS_SEARCH_TEXT_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "search", "search for at most %d bytes",
                            DOKUS_SEARCH_TEXT_MAX);
  while (*p)
    {
      const char *start;
      while (*p && !is_word_byte ((unsigned char) *p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (is_word_byte ((unsigned char) *p))
        p++;
      if (out->n == DOKUS_SEARCH_WORDS_MAX)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "search", "search for at most %d words",
                                DOKUS_SEARCH_WORDS_MAX);
      /* a word holds no '"' (it is not a word byte), so quoting it is safe:
       * a string, then * for a prefix query */
      out->match[out->n] = sqlite3_mprintf ("\"%.*s\"*", (int) (p - start), start);
      if (out->match[out->n] == NULL)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      out->n++;
    }
  return DOKUS_OK;
}

char *
dokus_search_words_all (const DokusSearchWords *w)
{
  char *all = sqlite3_mprintf ("%s", "");

  /* phrases side by side: FTS5's implicit AND */
  for (size_t i = 0; all != NULL && i < w->n; i++)
    {
      char *more = sqlite3_mprintf ("%s%s%s", all, i ? " " : "", w->match[i]);
      sqlite3_free (all);
      all = more;
    }
  return all;
}

DokusStatus
dokus_rowset_init (DokusRowSet *s, sqlite3_int64 max_rowid, DokusError *err)
{
  memset (s, 0, sizeof *s);
  if (max_rowid > ROWSET_MAX)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "",
                            "rowid %lld is too large for a set of documents",
                            (long long) max_rowid);
  s->size = max_rowid > 0 ? max_rowid : 0;
  s->bytes = calloc ((size_t) s->size + 1, 1);
  if (s->bytes == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return DOKUS_OK;
}

void
dokus_rowset_add (DokusRowSet *s, sqlite3_int64 rowid)
{
  if (rowid >= 1 && rowid <= s->size)
    s->bytes[rowid - 1] = 1;
}

bool
dokus_rowset_has (const DokusRowSet *s, sqlite3_int64 rowid)
{
  return rowid >= 1 && rowid <= s->size && s->bytes[rowid - 1] == 1;
}

void
dokus_rowset_intersect (DokusRowSet *s, const DokusRowSet *other)
{
  for (sqlite3_int64 i = 0; i < s->size; i++)
    s->bytes[i] &= i < other->size ? other->bytes[i] : 0;
}

sqlite3_int64
dokus_rowset_count (const DokusRowSet *s)
{
  sqlite3_int64 n = 0;
  for (sqlite3_int64 i = 0; i < s->size; i++)
    n += s->bytes[i];
  return n;
}

void
dokus_rowset_clear (DokusRowSet *s)
{
  if (s == NULL)
    return;
  free (s->bytes);
  memset (s, 0, sizeof *s);
}

DokusStatus
dokus_search_max_document_rowid (sqlite3 *db, sqlite3_int64 *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT coalesce(max(rowid), 0) FROM documents", -1, &stmt,
                               NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the documents", err);
  return DOKUS_OK;
}

/* Adds the first column of every row of @sql (a rowid, shifted right by
 * @shift) run with @match to @set. */
static DokusStatus
add_rowids (sqlite3 *db, const char *sql, const char *match, int shift, DokusRowSet *set,
            DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        dokus_rowset_add (set, sqlite3_column_int64 (stmt, 0) >> shift);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "searching", err);
  return DOKUS_OK;
}

DokusStatus
dokus_search_documents (sqlite3 *db, const DokusSearchWords *w, DokusRowSet *out, DokusError *err)
{
  DokusRowSet word = { 0 };
  DokusStatus st = DOKUS_OK;

  assert (w->n > 0);
  /* word by word, each in any field: a document matches when every word
   * does somewhere (its number, a line, its client...) */
  for (size_t i = 0; st == DOKUS_OK && i < w->n; i++)
    {
      DokusRowSet *into = i == 0 ? out : &word;
      if (i == 1)
        st = dokus_rowset_init (&word, out->size, err);
      else if (i > 1)
        memset (word.bytes, 0, (size_t) word.size);
      if (st == DOKUS_OK)
        st = add_rowids (db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1",
                         w->match[i], 0, into, err);
      if (st == DOKUS_OK)
        st = add_rowids (db,
                         "SELECT rowid FROM document_lines_fts WHERE document_lines_fts MATCH ?1",
                         w->match[i], LINE_ROWID_SHIFT, into, err);
      if (st == DOKUS_OK)
        st = add_rowids (db,
                         "SELECT d.rowid FROM clients c JOIN documents d ON d.client_id = c.id"
                         " WHERE c.rowid IN (SELECT rowid FROM clients_fts"
                         "                   WHERE clients_fts MATCH ?1)",
                         w->match[i], 0, into, err);
      if (st == DOKUS_OK && i > 0)
        dokus_rowset_intersect (out, &word);
    }
  dokus_rowset_clear (&word);
  return st;
}
