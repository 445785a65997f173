-- 0014-period-rows.sql: the VAT rows of a period side by side, for the
-- periodic VAT return (core/vat/dokus-vat-return.c) and the purchase sums
-- of the reports and the dashboard (core/reports/dokus-reports-common.c).
-- Released migrations are never edited: add the next number instead.
--
-- document_vat and expense_lines are keyed by the document's or the
-- purchase's random 36-character id, so a quarter's 4 500 VAT rows and
-- 2 500 purchase lines lie on most of those tables' pages (about 2 800
-- pages read for a first VAT return on a 100 000-invoice book, the bulk
-- of its time: each page is decrypted). No index can help: an index of
-- document_vat cannot hold its document's issue date.
--
-- document_vat_by_date and expense_lines_by_date hold the same rows again
-- in date order, with what the return asks of the row's document or
-- purchase, so that a period's rows are a few dozen neighbouring pages.
-- Like payment_links (0013) they are indexes kept by triggers: nothing in
-- them is computed, each column is a column of the row it copies, of its
-- document (issue date, type) or one of the two snapshot facts the return
-- needs (0010's partial indexes had the same expressions). They are local
-- to this file: sync never sends them and the state digest never reads
-- them (the rowids are this replica's own). Issued documents, their VAT
-- rows, purchases and purchase lines are never changed or deleted (0002's
-- triggers), and Dokus never runs VACUUM on a book, so the rows and the
-- rowids they copy stay true. `dokus-cli audit verify` compares both with
-- what they copy (dokus_balance_links_check) and names the first
-- document or purchase that differs.

-- An issued document's VAT rows. document_vat rows are written while the
-- document is still a draft (0002 refuses them afterwards), in the
-- transaction that issues it; they are copied here when it leaves the
-- draft state, when its issue date and snapshots are final.
CREATE TABLE document_vat_by_date (
  issue_date     TEXT NOT NULL,      -- documents.issue_date
  document_rowid INTEGER NOT NULL,   -- documents.rowid
  category       TEXT NOT NULL,      -- document_vat.category
  rate           TEXT NOT NULL,      -- document_vat.rate
  type           TEXT NOT NULL,      -- documents.type
  taxable_amount INTEGER NOT NULL,   -- document_vat.taxable_amount
  tax_amount     INTEGER NOT NULL,   -- document_vat.tax_amount
  franchise      INTEGER NOT NULL,   -- the seller's snapshot says vat_regime 'franchise'
  abroad         INTEGER NOT NULL,   -- the buyer's snapshot names a country other than BE
  PRIMARY KEY (issue_date, document_rowid, category, rate)
) STRICT, WITHOUT ROWID;

INSERT INTO document_vat_by_date
  SELECT d.issue_date, d.rowid, v.category, v.rate, d.type, v.taxable_amount, v.tax_amount,
    coalesce(CASE WHEN json_valid(d.seller_json)
             THEN json_extract(d.seller_json, '$.vat_regime') END = 'franchise', 0),
    coalesce(CASE WHEN json_valid(d.buyer_json)
             THEN coalesce(json_extract(d.buyer_json, '$.country'),
                           json_extract(d.buyer_json, '$.address.country')) END <> 'BE', 0)
  FROM documents d JOIN document_vat v ON v.document_id = d.id
  WHERE d.state <> 'draft';

CREATE TRIGGER document_vat_by_date_issue AFTER UPDATE OF state ON documents
  WHEN OLD.state = 'draft' AND NEW.state <> 'draft'
BEGIN
  INSERT INTO document_vat_by_date
    SELECT NEW.issue_date, NEW.rowid, v.category, v.rate, NEW.type, v.taxable_amount,
      v.tax_amount,
      coalesce(CASE WHEN json_valid(NEW.seller_json)
               THEN json_extract(NEW.seller_json, '$.vat_regime') END = 'franchise', 0),
      coalesce(CASE WHEN json_valid(NEW.buyer_json)
               THEN coalesce(json_extract(NEW.buyer_json, '$.country'),
                             json_extract(NEW.buyer_json, '$.address.country')) END <> 'BE', 0)
    FROM document_vat v WHERE v.document_id = NEW.id;
END;
CREATE TRIGGER document_vat_by_date_kept_update BEFORE UPDATE ON document_vat_by_date
BEGIN SELECT RAISE (ABORT, 'document_vat_by_date is kept by its triggers'); END;
CREATE TRIGGER document_vat_by_date_kept_delete BEFORE DELETE ON document_vat_by_date
BEGIN SELECT RAISE (ABORT, 'document_vat_by_date is kept by its triggers'); END;

-- A purchase's lines. A purchase and its lines are written in one
-- transaction, the purchase first (the lines' foreign key), and its date
-- never changes (expenses_amounts_kept).
CREATE TABLE expense_lines_by_date (
  date          TEXT NOT NULL,       -- expenses.date
  expense_rowid INTEGER NOT NULL,    -- expenses.rowid
  position      INTEGER NOT NULL,    -- expense_lines.position
  base          INTEGER NOT NULL,    -- expense_lines.base
  vat_amount    INTEGER NOT NULL,    -- expense_lines.vat_amount
  PRIMARY KEY (date, expense_rowid, position)
) STRICT, WITHOUT ROWID;

INSERT INTO expense_lines_by_date
  SELECT e.date, e.rowid, l.position, l.base, l.vat_amount
  FROM expenses e JOIN expense_lines l ON l.expense_id = e.id;

CREATE TRIGGER expense_lines_by_date_insert AFTER INSERT ON expense_lines
BEGIN
  INSERT INTO expense_lines_by_date
    SELECT e.date, e.rowid, NEW.position, NEW.base, NEW.vat_amount
    FROM expenses e WHERE e.id = NEW.expense_id;
END;
CREATE TRIGGER expense_lines_by_date_kept_update BEFORE UPDATE ON expense_lines_by_date
BEGIN SELECT RAISE (ABORT, 'expense_lines_by_date is kept by its triggers'); END;
CREATE TRIGGER expense_lines_by_date_kept_delete BEFORE DELETE ON expense_lines_by_date
BEGIN SELECT RAISE (ABORT, 'expense_lines_by_date is kept by its triggers'); END;

-- The return reads both snapshot facts from document_vat_by_date now.
DROP INDEX documents_franchise;
DROP INDEX documents_buyer_abroad;
