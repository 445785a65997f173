-- 0003-ledger-search.sql: indexes for the document list, the reports and
-- the derived balances of a large book, and full-text search over clients
-- and sales documents.
-- Released migrations are never edited: add the next number instead.
--
-- Nothing here is a figure: the indexes and the full-text tables are kept
-- by SQLite itself (the tables by the triggers below) and can be rebuilt
-- from the ledger at any time. Open amounts and statuses stay derived
-- (core/ledger/dokus-balances.c reads them through these indexes).

-- The derived balances of every document in one pass (dokus-balances.c):
-- documents, payments and credit notes each read in the order of the
-- invoice they belong to, from indexes that hold every column needed.
CREATE INDEX documents_balance ON documents (id, state, tax_inclusive_amount, due_date);
DROP INDEX payments_document;
CREATE INDEX payments_document_amount ON payments (document_id, amount);
-- credit notes in the order they apply to their invoice (and which
-- documents are credit notes: the only ones with a billing reference)
DROP INDEX documents_billing_reference;
CREATE INDEX documents_credit_notes
  ON documents (billing_reference_id, series_number, issued_at, id, state, type,
                tax_inclusive_amount)
  WHERE billing_reference_id IS NOT NULL;

-- Sales sums over a date range (revenue, P&L, the dashboard's VAT estimate).
DROP INDEX documents_issue_date;
CREATE INDEX documents_issue_sums
  ON documents (issue_date, state, type, tax_exclusive_amount, tax_amount);

-- The document list in each of its orders (dokus_document_query). A
-- document without an issue date (a draft) sorts after every date: '~'
-- comes after the digits.
CREATE INDEX documents_by_date
  ON documents (coalesce(issue_date, '~'), series_number, created_at);
DROP INDEX documents_client;
CREATE INDEX documents_by_client
  ON documents (client_id, coalesce(issue_date, '~'), series_number, created_at);
CREATE INDEX documents_by_total ON documents (tax_inclusive_amount);
CREATE INDEX documents_by_due_date ON documents (due_date);

-- Full-text search (dokus_client_search, dokus_document_query). Words are
-- matched without accents and case ("societe" finds "Société").
-- Clients and documents index their own columns (external content: the
-- text stays in the table, the index refers to the row by its rowid).
CREATE VIRTUAL TABLE clients_fts USING fts5 (
  name, vat_number, enterprise_number, email, city,
  content = 'clients', tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  number, buyer_reference, order_reference, note, structured_communication,
  content = 'documents', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');
-- Document lines have no rowid of their own: each line is indexed under
-- its document's rowid × 2^20 + its position (a document has at most
-- 10 000 lines), without a copy of its text (contentless).
-- columnsize = 0: no per-row token counts, which only ranking (bm25) needs.
CREATE VIRTUAL TABLE document_lines_fts USING fts5 (
  description, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients
BEGIN
  INSERT INTO clients_fts (rowid, name, vat_number, enterprise_number, email, city)
  VALUES (NEW.rowid, NEW.name, NEW.vat_number, NEW.enterprise_number, NEW.email, NEW.city);
END;
CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients
BEGIN
  INSERT INTO clients_fts (clients_fts, rowid, name, vat_number, enterprise_number, email, city)
  VALUES ('delete', OLD.rowid, OLD.name, OLD.vat_number, OLD.enterprise_number, OLD.email,
          OLD.city);
END;
CREATE TRIGGER clients_fts_update
AFTER UPDATE OF name, vat_number, enterprise_number, email, city ON clients
BEGIN
  INSERT INTO clients_fts (clients_fts, rowid, name, vat_number, enterprise_number, email, city)
  VALUES ('delete', OLD.rowid, OLD.name, OLD.vat_number, OLD.enterprise_number, OLD.email,
          OLD.city);
  INSERT INTO clients_fts (rowid, name, vat_number, enterprise_number, email, city)
  VALUES (NEW.rowid, NEW.name, NEW.vat_number, NEW.enterprise_number, NEW.email, NEW.city);
END;

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents
BEGIN
  INSERT INTO documents_fts (rowid, number, buyer_reference, order_reference, note,
                             structured_communication)
  VALUES (NEW.rowid, NEW.number, NEW.buyer_reference, NEW.order_reference, NEW.note,
          NEW.structured_communication);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents
BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, number, buyer_reference, order_reference, note,
                             structured_communication)
  VALUES ('delete', OLD.rowid, OLD.number, OLD.buyer_reference, OLD.order_reference, OLD.note,
          OLD.structured_communication);
END;
CREATE TRIGGER documents_fts_update
AFTER UPDATE OF number, buyer_reference, order_reference, note, structured_communication
ON documents
BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, number, buyer_reference, order_reference, note,
                             structured_communication)
  VALUES ('delete', OLD.rowid, OLD.number, OLD.buyer_reference, OLD.order_reference, OLD.note,
          OLD.structured_communication);
  INSERT INTO documents_fts (rowid, number, buyer_reference, order_reference, note,
                             structured_communication)
  VALUES (NEW.rowid, NEW.number, NEW.buyer_reference, NEW.order_reference, NEW.note,
          NEW.structured_communication);
END;

CREATE TRIGGER document_lines_fts_insert AFTER INSERT ON document_lines
BEGIN
  INSERT INTO document_lines_fts (rowid, description)
  SELECT d.rowid * 1048576 + NEW.position, NEW.description FROM documents d
  WHERE d.id = NEW.document_id;
END;
CREATE TRIGGER document_lines_fts_delete AFTER DELETE ON document_lines
BEGIN
  INSERT INTO document_lines_fts (document_lines_fts, rowid, description)
  SELECT 'delete', d.rowid * 1048576 + OLD.position, OLD.description FROM documents d
  WHERE d.id = OLD.document_id;
END;
CREATE TRIGGER document_lines_fts_update
AFTER UPDATE OF document_id, position, description ON document_lines
BEGIN
  INSERT INTO document_lines_fts (document_lines_fts, rowid, description)
  SELECT 'delete', d.rowid * 1048576 + OLD.position, OLD.description FROM documents d
  WHERE d.id = OLD.document_id;
  INSERT INTO document_lines_fts (rowid, description)
  SELECT d.rowid * 1048576 + NEW.position, NEW.description FROM documents d
  WHERE d.id = NEW.document_id;
END;

-- what the book already holds
INSERT INTO clients_fts (clients_fts) VALUES ('rebuild');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO document_lines_fts (rowid, description)
SELECT d.rowid * 1048576 + l.position, l.description
FROM document_lines l JOIN documents d ON d.id = l.document_id;
