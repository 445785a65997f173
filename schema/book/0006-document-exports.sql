-- 0006-document-exports: the SHA-256 of each document's UBL export, per
-- writer version. An issued document gives the same bytes at every export
-- by the same writer; a newer writer (which, for example, embeds the PDF)
-- gives other bytes, so a hash is only compared with one made by the same
-- writer version. documents.ubl_sha256 keeps what writer version 1 stored
-- and is no longer written. Insert-only, like the issued documents
-- themselves (art. 60 WBTW). See docs/peppol.md, "Writer".

CREATE TABLE document_exports (
  document_id    TEXT NOT NULL REFERENCES documents (id),
  format         TEXT NOT NULL CHECK (format IN ('ubl')),
  writer_version INTEGER NOT NULL CHECK (writer_version >= 2),
  sha256         TEXT NOT NULL CHECK (length (sha256) = 64),
  PRIMARY KEY (document_id, format, writer_version)
) STRICT;

CREATE TRIGGER document_exports_no_update BEFORE UPDATE ON document_exports
BEGIN SELECT RAISE (ABORT, 'a stored export hash cannot be changed'); END;
CREATE TRIGGER document_exports_no_delete BEFORE DELETE ON document_exports
BEGIN SELECT RAISE (ABORT, 'a stored export hash cannot be deleted'); END;
