-- 0011-sync-blobs.sql: the parts of large files arriving through sync
-- (receipts, kept logos), until the fact that names them takes them; and
-- the last measured clock skew to the relay.
-- Released migrations are never edited: add the next number instead.
--
-- A file travels content-addressed by its SHA-256, cut into parts that
-- each fit one envelope the relay accepts (docs/sync.md, "Files"). The
-- parts wait here; the receipt or logo that names the file is written
-- once every part is in and the bytes hash to its SHA-256, and the parts
-- are then removed. Local to each device: never synced.
CREATE TABLE sync_blob_parts (
  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),
  part   INTEGER NOT NULL CHECK (part >= 0),
  parts  INTEGER NOT NULL CHECK (parts >= 1 AND part < parts),
  data   BLOB NOT NULL,
  PRIMARY KEY (sha256, part)
) STRICT;

-- The clock skew to the relay last measured by the sync client (relay
-- time minus local time, ms). While it is over 5 minutes either way the
-- book refuses to create changes (docs/sync.md, "Clock check").
ALTER TABLE sync_self ADD COLUMN clock_skew_ms INTEGER NOT NULL DEFAULT 0;
