-- 0004-triangulation: triangular operations (ABC) invoiced by a Belgian
-- intermediary. The supply from B (this book) to C in a third member state
-- is invoiced without VAT, C being liable (Directive 2006/112/EC art. 141
-- and 197); it is reported in grid 46 of the return and with code T in the
-- intra-Community listing. A flag of the document, frozen at issue like
-- every other column. Sources: docs/vat.md.

ALTER TABLE documents ADD COLUMN triangulation INTEGER NOT NULL DEFAULT 0
  CHECK (triangulation IN (0, 1));

CREATE TRIGGER documents_triangulation_frozen BEFORE UPDATE OF triangulation ON documents
  WHEN OLD.state <> 'draft' AND NEW.triangulation IS NOT OLD.triangulation
BEGIN
  SELECT RAISE (ABORT, 'an issued document cannot be changed: issue a credit note');
END;
