-- 0005-peppol-transmissions.sql: Peppol sending state of issued documents, and
-- the incoming documents taken from the access point (docs/access-point.md).
-- Released migrations are never edited: add the next number instead.
--
-- Core never talks to the network: libdokus-sync drives these rows through
-- dokus-peppol-outbox.h. Times are ISO UTC text ("2026-11-25T19:30:00Z"),
-- which sorts as it should.

-- One row per issued document queued for Peppol. Before each submission
-- the row goes to 'submitting' (committed): a crash between the access
-- point storing the document and our reading its reply leaves it there, and
-- the next run asks the access point (status by our document id) before it
-- submits again.
CREATE TABLE peppol_transmissions (
  document_id      TEXT PRIMARY KEY NOT NULL REFERENCES documents (id),
  state            TEXT NOT NULL
                   CHECK (state IN ('queued', 'submitting', 'submitted', 'delivered', 'rejected')),
  receiver_id      TEXT NOT NULL,   -- the buyer's participant id, "0208:0417497106"
  document_type_id TEXT NOT NULL,   -- Peppol document type identifier (Invoice or CreditNote)
  process_id       TEXT NOT NULL,
  ap_message_id    TEXT,            -- the access point's id of the transmission
  reason           TEXT,            -- the access point's reason for a rejection
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       TEXT,            -- the last failed attempt's message, until one succeeds
  next_attempt_at  TEXT NOT NULL,   -- not before this time (back-off, next status poll)
  queued_at        TEXT NOT NULL,
  submitted_at     TEXT,
  finished_at      TEXT,            -- delivered or rejected
  updated_at       TEXT NOT NULL,
  CHECK ((state IN ('submitted', 'delivered')) <= (ap_message_id IS NOT NULL)),
  CHECK ((state = 'rejected') = (reason IS NOT NULL))
) STRICT;
CREATE INDEX peppol_transmissions_due ON peppol_transmissions (next_attempt_at)
  WHERE state IN ('queued', 'submitting', 'submitted');

-- A delivered or rejected transmission is final.
CREATE TRIGGER peppol_transmissions_final BEFORE UPDATE ON peppol_transmissions
WHEN OLD.state IN ('delivered', 'rejected')
BEGIN SELECT RAISE (ABORT, 'a delivered or rejected Peppol transmission is final'); END;
CREATE TRIGGER peppol_transmissions_kept BEFORE DELETE ON peppol_transmissions
BEGIN SELECT RAISE (ABORT, 'a Peppol transmission is kept'); END;

-- One row per incoming document seen at the access point, keyed by the
-- access point's id, so that it becomes one expense however often (and by
-- however many devices or processes) it is fetched. A process claims a row
-- ('importing', with a random claim token) before importing; another
-- process skips a fresh claim and takes over one older than ten minutes
-- (its holder crashed). It is acknowledged at the access point only after
-- the import committed.
CREATE TABLE peppol_incoming (
  ap_id            TEXT PRIMARY KEY NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('importing', 'imported', 'failed')),
  claim            TEXT,            -- the claim token of the importing process
  claimed_at       TEXT,
  sender_id        TEXT,
  document_type_id TEXT,
  expense_id       TEXT REFERENCES expenses (id),
  error            TEXT,            -- why the last import failed
  acked            INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1)),
  first_seen_at    TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK ((state = 'imported') = (expense_id IS NOT NULL))
) STRICT;

CREATE TRIGGER peppol_incoming_imported_final BEFORE UPDATE ON peppol_incoming
WHEN OLD.state = 'imported' AND (NEW.state IS NOT OLD.state OR NEW.expense_id IS NOT OLD.expense_id)
BEGIN SELECT RAISE (ABORT, 'an imported Peppol document is final'); END;
CREATE TRIGGER peppol_incoming_kept BEFORE DELETE ON peppol_incoming
BEGIN SELECT RAISE (ABORT, 'an incoming Peppol document is kept'); END;
