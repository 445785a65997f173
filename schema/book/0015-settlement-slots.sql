-- 0015-settlement-slots.sql: what the derived balances of a whole book
-- read (core/ledger/dokus-balances.c), 256 documents or payments a row.
-- Released migrations are never edited: add the next number instead.
--
-- The pass that derives every document's open amount and status reads
-- each document's state, total and due date and each payment's document
-- and amount: on a 100 000-invoice book some 200 000 entries of
-- documents_settlement and payment_links (0013). SQLite costs about 1 000
-- instructions to step one entry and 60 more for each column read, which
-- was most of a first status page's or dashboard's time (bench/README.md).
--
-- settlement_slots and payment_slots hold the same facts packed: row B
-- holds the documents (payments) with rowids 256 B to 256 B + 255, each
-- in a fixed-width slot of text at ((rowid % 256) × width), so the pass
-- steps one row per 256 documents (payments) and reads the slots itself.
--
-- The existing documents and payments are written in slot order (a window
-- function's ORDER BY: group_concat alone promises no order). Numbers are
-- written in base 64, six bits a character from '0' (0) to
-- 'o' (63), most significant first (SQL's char() writes them, the pass
-- reads them with a subtraction):
--
--   settlement_slots, 17 characters a document:
--     1   the state as the pass reads it: '0' draft, '2' sent, '1' any
--         other; '-' no document has this rowid (then 16 × '0')
--     5   the due date YYYY-MM-DD as the number YYYYMMDD, 0 for none or
--         for text of another shape (which no date parse would take)
--     11  tax_inclusive_amount, 64 bits of two's complement (a draft's
--         NULL as 0)
--   payment_slots, 17 characters a payment:
--     6   the rowid of the document it settles, 36 bits (the pass refuses
--         a book whose rowids reach 2^32); 0 in a slot no payment has
--     11  its amount, as above
--
-- They are indexes kept by the triggers below, not figures: no sum, no
-- open amount, no status is kept; those stay derived (0002). Like
-- payment_links they are local to this file: sync never sends them and
-- the state digest never reads them (a replica's rowids are its own).
-- Payments are never changed or deleted and Dokus never runs VACUUM on a
-- book, so a payment's slot, once written, never changes (what lets the
-- pass read payments on its side connection up to the last rowid the
-- caller sees). `dokus-cli audit verify` compares every slot with the
-- document or payment it stands for (dokus_balance_links_check) and names
-- the first that differs.
CREATE TABLE settlement_slots (
  block INTEGER PRIMARY KEY,   -- documents.rowid / 256
  slots TEXT NOT NULL          -- 256 slots of 17 characters
) STRICT;
CREATE TABLE payment_slots (
  block INTEGER PRIMARY KEY,   -- payments.rowid / 256
  slots TEXT NOT NULL          -- 256 slots of 17 characters
) STRICT;

INSERT INTO settlement_slots (block, slots)
  SELECT block, slots FROM (
  SELECT b.block AS block, k.i AS i,
    group_concat(coalesce(s.slot, '-0000000000000000'), '') OVER (PARTITION BY b.block ORDER BY k.i
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS slots
  FROM (SELECT DISTINCT rowid / 256 AS block FROM documents) b
  JOIN (WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 255)
        SELECT i FROM k) k
  LEFT JOIN (SELECT rowid AS r,
      CASE state WHEN 'draft' THEN '0' WHEN 'sent' THEN '2' ELSE '1' END
      || (SELECT char(48 + (x >> 24 & 7), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT CASE WHEN due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
              THEN CAST(replace(due_date, '-', '') AS INTEGER) ELSE 0 END AS x))
      || (SELECT char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),
                 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63),
                 48 + (x >> 24 & 63), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT coalesce(tax_inclusive_amount, 0) AS x)) AS slot
    FROM documents) s ON s.r = b.block * 256 + k.i
  ) WHERE i = 0 ORDER BY block;
INSERT INTO payment_slots (block, slots)
  SELECT block, slots FROM (
  SELECT b.block AS block, k.i AS i,
    group_concat(coalesce(s.slot, '00000000000000000'), '') OVER (PARTITION BY b.block ORDER BY k.i
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS slots
  FROM (SELECT DISTINCT rowid / 256 AS block FROM payments) b
  JOIN (WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 255)
        SELECT i FROM k) k
  LEFT JOIN (SELECT p.rowid AS r,
      (SELECT char(48 + (x >> 30 & 63), 48 + (x >> 24 & 63), 48 + (x >> 18 & 63),
                 48 + (x >> 12 & 63), 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT d.rowid AS x))
      || (SELECT char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),
                 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63),
                 48 + (x >> 24 & 63), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT p.amount AS x)) AS slot
    FROM payments p JOIN documents d ON d.id = p.document_id) s
    ON s.r = b.block * 256 + k.i
  ) WHERE i = 0 ORDER BY block;

-- A document's slot, written whenever what it holds may change.
CREATE TRIGGER settlement_slots_insert AFTER INSERT ON documents
BEGIN
  INSERT OR IGNORE INTO settlement_slots (block, slots)
    VALUES (NEW.rowid / 256, replace(hex(zeroblob(256)), '00', '-0000000000000000'));
  UPDATE settlement_slots SET slots = substr(slots, 1, NEW.rowid % 256 * 17)
      || CASE NEW.state WHEN 'draft' THEN '0' WHEN 'sent' THEN '2' ELSE '1' END
      || (SELECT char(48 + (x >> 24 & 7), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT CASE WHEN NEW.due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
              THEN CAST(replace(NEW.due_date, '-', '') AS INTEGER) ELSE 0 END AS x))
      || (SELECT char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),
                 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63),
                 48 + (x >> 24 & 63), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT coalesce(NEW.tax_inclusive_amount, 0) AS x))
      || substr(slots, NEW.rowid % 256 * 17 + 18)
    WHERE block = NEW.rowid / 256;
END;
CREATE TRIGGER settlement_slots_update AFTER UPDATE OF state, tax_inclusive_amount, due_date
  ON documents
BEGIN
  UPDATE settlement_slots SET slots = substr(slots, 1, NEW.rowid % 256 * 17)
      || CASE NEW.state WHEN 'draft' THEN '0' WHEN 'sent' THEN '2' ELSE '1' END
      || (SELECT char(48 + (x >> 24 & 7), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT CASE WHEN NEW.due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
              THEN CAST(replace(NEW.due_date, '-', '') AS INTEGER) ELSE 0 END AS x))
      || (SELECT char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),
                 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63),
                 48 + (x >> 24 & 63), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT coalesce(NEW.tax_inclusive_amount, 0) AS x))
      || substr(slots, NEW.rowid % 256 * 17 + 18)
    WHERE block = NEW.rowid / 256;
END;
CREATE TRIGGER settlement_slots_delete AFTER DELETE ON documents
BEGIN
  UPDATE settlement_slots SET slots = substr(slots, 1, OLD.rowid % 256 * 17)
      || '-0000000000000000' || substr(slots, OLD.rowid % 256 * 17 + 18)
    WHERE block = OLD.rowid / 256;
END;

CREATE TRIGGER payment_slots_insert AFTER INSERT ON payments
BEGIN
  INSERT OR IGNORE INTO payment_slots (block, slots)
    VALUES (NEW.rowid / 256, replace(hex(zeroblob(256)), '00', '00000000000000000'));
  UPDATE payment_slots SET slots = substr(slots, 1, NEW.rowid % 256 * 17)
      || (SELECT char(48 + (x >> 30 & 63), 48 + (x >> 24 & 63), 48 + (x >> 18 & 63),
                 48 + (x >> 12 & 63), 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT (SELECT rowid FROM documents WHERE id = NEW.document_id) AS x))
      || (SELECT char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),
                 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63),
                 48 + (x >> 24 & 63), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),
                 48 + (x >> 6 & 63), 48 + (x & 63))
            FROM (SELECT NEW.amount AS x))
      || substr(slots, NEW.rowid % 256 * 17 + 18)
    WHERE block = NEW.rowid / 256;
END;

-- The pass reads the slots now.
DROP INDEX documents_settlement;
