-- 0012-comments.sql: comments on documents and purchases, written by the
-- accountant (or the owner's devices), and the kind of an outbox envelope.
-- Released migrations are never edited: add the next number instead.
--
-- A comment is not an accounting record: it never changes an amount, a
-- number or the audit chain (no audit entry is made for it). It is an
-- insert-only fact: its text never changes. "Resolved" is set once by an
-- owner's or device's replica; when two devices resolve the same comment
-- before they sync, every replica keeps the earliest resolution by
-- (resolved_hlc, resolved_by) (docs/sync.md, "Comments").
CREATE TABLE comments (
  id           TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  -- what it is about: an invoice or credit note (issued or draft), or a
  -- purchase. No foreign key: a comment may arrive before its document,
  -- and a draft it names may be deleted; it then stays, orphaned.
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('document', 'expense')),
  subject_id   TEXT NOT NULL CHECK (length (subject_id) = 36),
  author_id    TEXT NOT NULL,  -- the device (sync member) that wrote it
  author_role  TEXT NOT NULL CHECK (author_role IN ('owner', 'device', 'accountant')),
  body         TEXT NOT NULL CHECK (length (body) BETWEEN 1 AND 2000),
  created_at   TEXT NOT NULL,  -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  hlc          INTEGER NOT NULL DEFAULT 0,
  resolved_at  TEXT,
  resolved_by  TEXT,
  resolved_hlc INTEGER,
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)),
  CHECK ((resolved_at IS NULL) = (resolved_hlc IS NULL))
) STRICT;
CREATE INDEX comments_by_subject ON comments (subject_id, created_at);
CREATE INDEX comments_open ON comments (created_at) WHERE resolved_at IS NULL;

-- What an outbox envelope carries, as the relay is told (the content stays
-- sealed): 'change', or 'comment' (only comment and resolve ops), the one
-- kind the relay accepts from an accountant.
ALTER TABLE sync_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'change'
  CHECK (kind IN ('change', 'comment'));
