-- 0008-document-renderings: what the PDF of an issued document needs.
--
-- document_renderings caches the PDF of an issued document per language
-- and renderer version. An issued document is frozen, so its PDF is
-- deterministic: it is drawn once and every later export (the PDF itself,
-- or the UBL that embeds it) takes these bytes, which also keeps them the
-- same when the machine's fonts change. A cache: never synced, and rows
-- may be deleted (they are drawn again); a row is never changed. A new
-- renderer version (core/render/dokus-pdf-private.h) draws anew.
--
-- profile.legal_form and profile.register: the seller's legal form
-- ("BV", "SRL"; UBL BT-33) and its register of legal entities with the
-- seat of the court ("RPR Gent, afdeling Gent", "RPM Liège"), art.
-- III.25 WER/CDE. Both optional; frozen with the rest of the profile in
-- documents.seller_json at issue.
--
-- profile_logos keeps every logo an issued document may show, by the
-- SHA-256 of its bytes: the profile's logo is copied here when it is
-- replaced or removed, so that the PDF of a document issued with the old
-- logo (seller_json.logo_sha256) still shows it. Insert-only.
-- See docs/pdf.md, "Logo", and docs/peppol.md, "Writer".

CREATE TABLE document_renderings (
  document_id      TEXT NOT NULL REFERENCES documents (id),
  format           TEXT NOT NULL CHECK (format IN ('pdf')),
  language         TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
  renderer_version INTEGER NOT NULL CHECK (renderer_version >= 1),
  pages            INTEGER NOT NULL CHECK (pages >= 1),
  data             BLOB NOT NULL,
  PRIMARY KEY (document_id, format, language, renderer_version)
) STRICT;

CREATE TRIGGER document_renderings_no_update BEFORE UPDATE ON document_renderings
BEGIN SELECT RAISE (ABORT, 'a stored rendering cannot be changed'); END;

ALTER TABLE profile ADD COLUMN legal_form TEXT;
ALTER TABLE profile ADD COLUMN register TEXT;

CREATE TABLE profile_logos (
  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64),
  data   BLOB NOT NULL
) STRICT;

CREATE TRIGGER profile_logos_no_update BEFORE UPDATE ON profile_logos
BEGIN SELECT RAISE (ABORT, 'a kept logo cannot be changed'); END;
CREATE TRIGGER profile_logos_no_delete BEFORE DELETE ON profile_logos
BEGIN SELECT RAISE (ABORT, 'a kept logo cannot be deleted'); END;
