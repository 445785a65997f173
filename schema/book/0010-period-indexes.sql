-- 0010-period-indexes.sql: covering indexes for what reads a period (the
-- VAT return, the dashboard's VAT estimate, revenue, P&L), so that a first
-- call after opening a large book reads compact index pages instead of the
-- document and purchase rows with their JSON snapshots.
-- Released migrations are never edited: add the next number instead.
--
-- Nothing here is a figure: indexes are kept by SQLite itself and hold no
-- second truth. Open amounts and statuses stay derived (see 0003 and
-- core/ledger/dokus-balances.c).

-- A period's sales documents: the sums of dokus_reports_sales (as
-- documents_issue_sums, which this replaces: the same columns first) and,
-- with the id, the join to each document's VAT breakdown (the VAT return).
CREATE INDEX documents_vat_period
  ON documents (issue_date, state, type, tax_exclusive_amount, tax_amount, id);
DROP INDEX documents_issue_sums;

-- The two facts of a frozen snapshot the VAT return needs, as small
-- partial indexes, so the return never parses the snapshots: documents
-- issued under the franchise scheme (nothing to declare) and documents to
-- a buyer outside Belgium (reverse charge: grid 44, not 45). The
-- expressions must stay exactly as core/vat/dokus-vat-return.c writes them
-- for SQLite to use these indexes; json_valid keeps a damaged snapshot
-- from failing every write.
CREATE INDEX documents_franchise ON documents (issue_date)
  WHERE CASE WHEN json_valid(seller_json)
        THEN json_extract(seller_json, '$.vat_regime') END = 'franchise';
CREATE INDEX documents_buyer_abroad ON documents (issue_date)
  WHERE CASE WHEN json_valid(buyer_json)
        THEN coalesce(json_extract(buyer_json, '$.country'),
                      json_extract(buyer_json, '$.address.country')) END <> 'BE';

-- A period's purchases in the order the reports read them, with every
-- column they read (dokus_reports_purchases, the VAT return); replaces
-- expenses_date (the same first column).
CREATE INDEX expenses_by_period
  ON expenses (date, created_at, id, category, kind, vat_treatment, deductible_percent,
               vat_recoverable_percent, is_credit_note);
DROP INDEX expenses_date;
