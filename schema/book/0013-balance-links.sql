-- 0013-balance-links.sql: what the derived balances of a whole book read
-- (core/ledger/dokus-balances.c), without the 36-character document ids.
-- Released migrations are never edited: add the next number instead.
--
-- The pass that derives every document's open amount and status read two
-- indexes keyed by the document id (documents_balance and
-- payments_document_amount, 0003) and looked up each credit note's
-- invoice by id: about 200 000 wide entries and 3 300 pages on a
-- 100 000-invoice book, most of a status page's or the dashboard's first
-- call. Here the links between rows are kept by rowid instead:
--
-- payment_links: for each payment, the rowid of the document it settles
-- and its amount; credit_links: for each credit note (a document with a
-- billing reference), the rowid of its invoice. Both are indexes kept by
-- the triggers below, not figures: no sum is kept, open amounts and
-- statuses stay derived (0002). They are local to this file, like any
-- index: sync never sends them and the state digest never reads them (a
-- replica's rowids are its own). The rowids they hold are stable: issued
-- documents and payments are never deleted or updated (0002's triggers),
-- a payment's or a credit note's target exists (the foreign keys) and is
-- issued, a draft's link goes with it, and Dokus never runs VACUUM on a
-- book. `dokus-cli audit verify` compares both with what they index
-- (dokus_audit_verify) and names a payment or credit note whose link is
-- missing or wrong.
CREATE TABLE payment_links (
  payment_rowid  INTEGER PRIMARY KEY,   -- payments.rowid
  document_rowid INTEGER NOT NULL,      -- documents.rowid of payments.document_id
  amount         INTEGER NOT NULL       -- payments.amount
) STRICT;
INSERT INTO payment_links (payment_rowid, document_rowid, amount)
  SELECT p.rowid, d.rowid, p.amount FROM payments p JOIN documents d ON d.id = p.document_id;

CREATE TRIGGER payment_links_insert AFTER INSERT ON payments
BEGIN
  INSERT INTO payment_links (payment_rowid, document_rowid, amount)
    VALUES (NEW.rowid, (SELECT rowid FROM documents WHERE id = NEW.document_id), NEW.amount);
END;
CREATE TRIGGER payment_links_kept_update BEFORE UPDATE ON payment_links
BEGIN SELECT RAISE (ABORT, 'payment links are kept by their triggers'); END;
CREATE TRIGGER payment_links_kept_delete BEFORE DELETE ON payment_links
BEGIN SELECT RAISE (ABORT, 'payment links are kept by their triggers'); END;

CREATE TABLE credit_links (
  credit_rowid  INTEGER PRIMARY KEY,    -- documents.rowid of a credit note
  invoice_rowid INTEGER NOT NULL        -- documents.rowid of its billing_reference_id
) STRICT;
INSERT INTO credit_links (credit_rowid, invoice_rowid)
  SELECT c.rowid, i.rowid FROM documents c JOIN documents i ON i.id = c.billing_reference_id;

CREATE TRIGGER credit_links_insert AFTER INSERT ON documents
  WHEN NEW.billing_reference_id IS NOT NULL
BEGIN
  INSERT INTO credit_links (credit_rowid, invoice_rowid)
    VALUES (NEW.rowid, (SELECT rowid FROM documents WHERE id = NEW.billing_reference_id));
END;
-- a draft's reference may change (sync applies field by field); an issued
-- document's cannot (documents_frozen)
CREATE TRIGGER credit_links_update AFTER UPDATE OF billing_reference_id ON documents
BEGIN
  DELETE FROM credit_links WHERE credit_rowid = OLD.rowid;
  INSERT INTO credit_links (credit_rowid, invoice_rowid)
    SELECT NEW.rowid, rowid FROM documents WHERE id = NEW.billing_reference_id;
END;
CREATE TRIGGER credit_links_delete AFTER DELETE ON documents
  WHEN OLD.billing_reference_id IS NOT NULL
BEGIN
  DELETE FROM credit_links WHERE credit_rowid = OLD.rowid;
END;

-- The documents' side of the pass, without the id: state, total and due
-- date (and the rowid every index entry ends with), read in any order.
CREATE INDEX documents_settlement ON documents (state, tax_inclusive_amount, due_date);
DROP INDEX documents_balance;
