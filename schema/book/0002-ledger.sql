-- 0002-ledger.sql: profile, clients, sales documents, payments, purchases,
-- VAT rates, numbering series and the audit log.
-- Released migrations are never edited: add the next number instead.
--
-- Conventions: ids are random UUIDs (text); money is INTEGER cents (EUR);
-- quantities, prices, rates and percentages are exact decimal TEXT as entered
-- ("0.3333", "21"); dates are ISO TEXT "YYYY-MM-DD"; times ISO UTC.
-- What can be derived (open amounts, payment status, overdue) is not stored.

-- The tenant: exactly one row.
CREATE TABLE profile (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  name               TEXT NOT NULL,
  trading_name       TEXT,
  enterprise_number  TEXT NOT NULL,
  vat_number         TEXT,
  vat_regime         TEXT NOT NULL CHECK (vat_regime IN ('standard', 'franchise')),
  vat_period         TEXT NOT NULL CHECK (vat_period IN ('quarter', 'month')),
  street             TEXT,
  postal_code        TEXT,
  city               TEXT,
  country            TEXT NOT NULL DEFAULT 'BE',
  iban               TEXT,
  bic                TEXT,
  email              TEXT,
  peppol_id          TEXT,
  invoice_prefix     TEXT NOT NULL DEFAULT '',
  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
  language           TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'de', 'en')),
  logo               BLOB,
  updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE clients (
  id                 TEXT PRIMARY KEY NOT NULL,
  name               TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('company', 'person')),
  vat_number         TEXT,
  enterprise_number  TEXT,
  peppol_id          TEXT,
  street             TEXT,
  postal_code        TEXT,
  city               TEXT,
  country            TEXT NOT NULL,
  email              TEXT,
  language           TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
  payment_terms_days INTEGER CHECK (payment_terms_days BETWEEN 0 AND 365),
  archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);

-- VAT rates are data with validity dates, checked against the issue date.
CREATE TABLE vat_rates (
  country    TEXT NOT NULL,
  category   TEXT NOT NULL,
  rate       TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,             -- inclusive; NULL = still valid
  PRIMARY KEY (country, category, rate, valid_from)
) STRICT;
-- Belgium, Royal Decree no. 20 of 20 July 1970, table A/B/C (6 %, 12 %) and
-- art. 1 (21 % since 1 January 1996); 0 % for the zero-rated (Z) and every
-- exempt or out-of-scope category.
INSERT INTO vat_rates (country, category, rate, valid_from) VALUES
  ('BE', 'S', '21', '1996-01-01'),
  ('BE', 'S', '12', '1992-04-01'),
  ('BE', 'S', '6',  '1971-01-01'),
  ('BE', 'Z', '0',  '1971-01-01'),
  ('BE', 'E', '0',  '1971-01-01'),
  ('BE', 'AE', '0', '1971-01-01'),
  ('BE', 'K', '0',  '1993-01-01'),
  ('BE', 'G', '0',  '1971-01-01'),
  ('BE', 'O', '0',  '1971-01-01');

-- Continuous numbering: one row per series (document type and year), owned
-- by one device at a time.
CREATE TABLE series (
  id              TEXT PRIMARY KEY NOT NULL,   -- 'invoice/2026', 'credit_note/2026'
  doc_type        TEXT NOT NULL CHECK (doc_type IN ('invoice', 'credit_note')),
  year            INTEGER NOT NULL,
  prefix          TEXT NOT NULL,
  last_number     INTEGER NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  last_issue_date TEXT,
  owner_device    TEXT
) STRICT;

CREATE TABLE documents (
  id                       TEXT PRIMARY KEY NOT NULL,
  type                     TEXT NOT NULL CHECK (type IN ('invoice', 'credit_note')),
  state                    TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued', 'sent')),
  number                   TEXT UNIQUE,
  series_id                TEXT REFERENCES series (id),
  series_number            INTEGER,
  client_id                TEXT NOT NULL REFERENCES clients (id),
  issue_date               TEXT,
  due_date                 TEXT,
  payment_terms_days       INTEGER,
  currency                 TEXT NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
  buyer_reference          TEXT,
  order_reference          TEXT,
  note                     TEXT,
  delivery_date            TEXT,
  delivery_country         TEXT,
  billing_reference_id     TEXT REFERENCES documents (id),
  language                 TEXT,                -- frozen at issue
  structured_communication TEXT,                -- frozen at issue
  seller_json              TEXT,                -- profile snapshot, frozen at issue
  buyer_json               TEXT,                -- client snapshot, frozen at issue
  line_extension_amount    INTEGER,             -- totals, frozen at issue (BT-106..BT-112)
  allowance_total_amount   INTEGER,
  charge_total_amount      INTEGER,
  tax_exclusive_amount     INTEGER,
  tax_amount               INTEGER,
  tax_inclusive_amount     INTEGER,
  ubl_sha256               TEXT,                -- the exported UBL's hash (Peppol issue)
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  issued_at                TEXT,
  CHECK ((state = 'draft') = (number IS NULL)),
  CHECK (type = 'invoice' OR billing_reference_id IS NOT NULL)
) STRICT;
CREATE INDEX documents_client ON documents (client_id);
CREATE INDEX documents_issue_date ON documents (issue_date);
CREATE INDEX documents_billing_reference ON documents (billing_reference_id);
CREATE UNIQUE INDEX documents_series_number ON documents (series_id, series_number);

CREATE TABLE document_lines (
  document_id           TEXT NOT NULL REFERENCES documents (id),
  position              INTEGER NOT NULL,
  description           TEXT NOT NULL,
  quantity              TEXT NOT NULL,
  unit                  TEXT NOT NULL DEFAULT 'C62',
  unit_price            TEXT NOT NULL,
  discount_percent      TEXT,
  vat_category          TEXT NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
  vat_rate              TEXT NOT NULL,
  exemption_reason      TEXT,
  line_extension_amount INTEGER NOT NULL,
  PRIMARY KEY (document_id, position)
) STRICT, WITHOUT ROWID;

-- Document-level allowances (is_charge = 0) and charges (1).
CREATE TABLE document_adjustments (
  document_id  TEXT NOT NULL REFERENCES documents (id),
  position     INTEGER NOT NULL,
  is_charge    INTEGER NOT NULL CHECK (is_charge IN (0, 1)),
  reason       TEXT NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  vat_category TEXT NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
  vat_rate     TEXT NOT NULL,
  PRIMARY KEY (document_id, position)
) STRICT, WITHOUT ROWID;

-- The VAT breakdown of an issued document, as it rounded it (BG-23).
CREATE TABLE document_vat (
  document_id      TEXT NOT NULL REFERENCES documents (id),
  category         TEXT NOT NULL,
  rate             TEXT NOT NULL,
  taxable_amount   INTEGER NOT NULL,
  tax_amount       INTEGER NOT NULL,
  exemption_code   TEXT,
  exemption_text   TEXT,
  PRIMARY KEY (document_id, category, rate)
) STRICT, WITHOUT ROWID;

-- Payments received on invoices, and refunds paid on credit notes.
CREATE TABLE payments (
  id          TEXT PRIMARY KEY NOT NULL,
  document_id TEXT NOT NULL REFERENCES documents (id),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  date        TEXT NOT NULL,
  reference   TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payments_document ON payments (document_id);

-- Purchases (expenses) and purchase credit notes.
CREATE TABLE expenses (
  id                      TEXT PRIMARY KEY NOT NULL,
  date                    TEXT NOT NULL,
  supplier_name           TEXT NOT NULL,
  supplier_vat_number     TEXT,
  supplier_country        TEXT NOT NULL,
  number                  TEXT,
  description             TEXT,
  category                TEXT NOT NULL,
  kind                    TEXT NOT NULL CHECK (kind IN ('goods', 'services', 'investment')),
  vat_treatment           TEXT NOT NULL CHECK (vat_treatment IN ('domestic', 'eu_services', 'eu_goods',
                                     'reverse_charge', 'import', 'non_eu_services', 'none')),
  deductible_percent      TEXT NOT NULL DEFAULT '100',
  vat_recoverable_percent TEXT NOT NULL DEFAULT '100',
  is_credit_note          INTEGER NOT NULL DEFAULT 0 CHECK (is_credit_note IN (0, 1)),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
) STRICT;
CREATE INDEX expenses_date ON expenses (date);
CREATE UNIQUE INDEX expenses_supplier_number ON expenses (supplier_name, number, is_credit_note)
  WHERE number IS NOT NULL;

CREATE TABLE expense_lines (
  expense_id TEXT NOT NULL REFERENCES expenses (id),
  position   INTEGER NOT NULL,
  base       INTEGER NOT NULL,
  vat_rate   TEXT NOT NULL,
  vat_amount INTEGER NOT NULL,
  PRIMARY KEY (expense_id, position)
) STRICT, WITHOUT ROWID;

-- Receipts and original documents (e.g. a purchase's UBL), inside the book.
CREATE TABLE attachments (
  id         TEXT PRIMARY KEY NOT NULL,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('expense', 'document')),
  owner_id   TEXT NOT NULL,
  filename   TEXT NOT NULL,
  mime_type  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  content    BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

-- This device: its Ed25519 key signs its audit entries. Never synced.
CREATE TABLE local_device (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  device_id  TEXT NOT NULL,
  secret_key BLOB NOT NULL
) STRICT;

-- Every device that has written to this book, with its public key.
CREATE TABLE devices (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  public_key BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Append-only, hash-chained (per device) and signed audit trail.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  device_id   TEXT NOT NULL REFERENCES devices (id),
  device_seq  INTEGER NOT NULL,
  at          TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  prev_hash   BLOB NOT NULL,
  hash        BLOB NOT NULL,
  signature   BLOB NOT NULL,
  UNIQUE (device_id, device_seq)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;

-- Issued documents are frozen and, with payments, kept: art. 60 WBTW.
-- An issued document may only go from issued to sent and get its UBL hash
-- once; nothing else of it changes.
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
WHEN OLD.state <> 'draft' AND (
  NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type OR NEW.number IS NOT OLD.number
  OR NEW.series_id IS NOT OLD.series_id OR NEW.series_number IS NOT OLD.series_number
  OR NEW.client_id IS NOT OLD.client_id OR NEW.issue_date IS NOT OLD.issue_date
  OR NEW.due_date IS NOT OLD.due_date OR NEW.payment_terms_days IS NOT OLD.payment_terms_days
  OR NEW.currency IS NOT OLD.currency
  OR NEW.buyer_reference IS NOT OLD.buyer_reference OR NEW.order_reference IS NOT OLD.order_reference
  OR NEW.note IS NOT OLD.note OR NEW.delivery_date IS NOT OLD.delivery_date
  OR NEW.delivery_country IS NOT OLD.delivery_country
  OR NEW.billing_reference_id IS NOT OLD.billing_reference_id OR NEW.language IS NOT OLD.language
  OR NEW.structured_communication IS NOT OLD.structured_communication
  OR NEW.seller_json IS NOT OLD.seller_json OR NEW.buyer_json IS NOT OLD.buyer_json
  OR NEW.line_extension_amount IS NOT OLD.line_extension_amount
  OR NEW.allowance_total_amount IS NOT OLD.allowance_total_amount
  OR NEW.charge_total_amount IS NOT OLD.charge_total_amount
  OR NEW.tax_exclusive_amount IS NOT OLD.tax_exclusive_amount
  OR NEW.tax_amount IS NOT OLD.tax_amount OR NEW.tax_inclusive_amount IS NOT OLD.tax_inclusive_amount
  OR NEW.created_at IS NOT OLD.created_at OR NEW.issued_at IS NOT OLD.issued_at
  OR (OLD.ubl_sha256 IS NOT NULL AND NEW.ubl_sha256 IS NOT OLD.ubl_sha256)
  OR NOT (NEW.state = OLD.state OR (OLD.state = 'issued' AND NEW.state = 'sent')))
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER documents_kept BEFORE DELETE ON documents WHEN OLD.state <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be deleted'); END;

CREATE TRIGGER document_lines_frozen_insert BEFORE INSERT ON document_lines
WHEN (SELECT state FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_lines_frozen_update BEFORE UPDATE ON document_lines
WHEN (SELECT state FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_lines_frozen_delete BEFORE DELETE ON document_lines
WHEN (SELECT state FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_adjustments_frozen_insert BEFORE INSERT ON document_adjustments
WHEN (SELECT state FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_adjustments_frozen_update BEFORE UPDATE ON document_adjustments
WHEN (SELECT state FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_adjustments_frozen_delete BEFORE DELETE ON document_adjustments
WHEN (SELECT state FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_vat_frozen_insert BEFORE INSERT ON document_vat
WHEN (SELECT state FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_vat_frozen_update BEFORE UPDATE ON document_vat
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;
CREATE TRIGGER document_vat_frozen_delete BEFORE DELETE ON document_vat
BEGIN SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note'); END;

-- A series only moves forward, one number at a time, and is never removed.
CREATE TRIGGER series_forward BEFORE UPDATE ON series
WHEN NEW.id IS NOT OLD.id OR NEW.doc_type IS NOT OLD.doc_type OR NEW.year IS NOT OLD.year
  OR NEW.prefix IS NOT OLD.prefix OR NEW.last_number <> OLD.last_number + 1
  OR NEW.last_issue_date < OLD.last_issue_date
BEGIN SELECT RAISE (ABORT, 'a numbering series only moves forward, one number at a time'); END;
CREATE TRIGGER series_kept BEFORE DELETE ON series
BEGIN SELECT RAISE (ABORT, 'a numbering series is never removed'); END;

CREATE TRIGGER payments_kept_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE (ABORT, 'a payment cannot be changed: record a correction'); END;
CREATE TRIGGER payments_kept_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE (ABORT, 'a payment cannot be deleted: record a correction'); END;
CREATE TRIGGER expenses_kept BEFORE DELETE ON expenses
BEGIN SELECT RAISE (ABORT, 'a purchase cannot be deleted: record a correction'); END;
CREATE TRIGGER expenses_amounts_kept BEFORE UPDATE ON expenses
WHEN NEW.date IS NOT OLD.date OR NEW.supplier_name IS NOT OLD.supplier_name
  OR NEW.supplier_vat_number IS NOT OLD.supplier_vat_number OR NEW.number IS NOT OLD.number
  OR NEW.supplier_country IS NOT OLD.supplier_country
  OR NEW.deductible_percent IS NOT OLD.deductible_percent
  OR NEW.kind IS NOT OLD.kind OR NEW.vat_treatment IS NOT OLD.vat_treatment
  OR NEW.vat_recoverable_percent IS NOT OLD.vat_recoverable_percent
  OR NEW.is_credit_note IS NOT OLD.is_credit_note
BEGIN SELECT RAISE (ABORT, 'a recorded purchase cannot be changed: record a purchase credit note'); END;
CREATE TRIGGER expense_lines_kept_update BEFORE UPDATE ON expense_lines
BEGIN SELECT RAISE (ABORT, 'a recorded purchase cannot be changed: record a purchase credit note'); END;
CREATE TRIGGER expense_lines_kept_delete BEFORE DELETE ON expense_lines
BEGIN SELECT RAISE (ABORT, 'a recorded purchase cannot be changed: record a purchase credit note'); END;
CREATE TRIGGER attachments_kept BEFORE DELETE ON attachments
BEGIN SELECT RAISE (ABORT, 'an attachment cannot be deleted'); END;
CREATE TRIGGER attachments_frozen BEFORE UPDATE ON attachments
BEGIN SELECT RAISE (ABORT, 'an attachment cannot be changed'); END;
CREATE TRIGGER clients_kept BEFORE DELETE ON clients
WHEN EXISTS (SELECT 1 FROM documents WHERE client_id = OLD.id)
BEGIN SELECT RAISE (ABORT, 'a client with documents is archived, never deleted'); END;
