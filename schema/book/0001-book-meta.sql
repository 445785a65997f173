-- 0001-book-meta.sql: the book's own identity and metadata.
-- Released migrations are never edited: add the next number instead.
CREATE TABLE book_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

-- book_id: a random UUID (version 4, text form) naming this book on every device
INSERT INTO book_meta (key, value) VALUES
  ('book_id', lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
              || substr(lower(hex(randomblob(2))), 2) || '-'
              || substr('89ab', 1 + (abs(random()) % 4), 1)
              || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
  ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
