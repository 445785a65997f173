-- 0007-sync.sql: the client side of book sync (see docs/sync.md, "Client").
-- None of these tables is synced; an empty sync_self means sync is off and
-- nothing else in the book behaves differently.

-- This device's sync identity: one row once sync is enabled. The device id
-- and signing key are the audit device's (local_device).
CREATE TABLE sync_self (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  book_id      TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  hlc          INTEGER NOT NULL DEFAULT 0,   -- 48-bit Unix ms << 16 | 16-bit counter
  next_dev_seq INTEGER NOT NULL DEFAULT 1,
  key_epoch    INTEGER NOT NULL DEFAULT 1    -- the epoch new envelopes are sealed under
) STRICT;

-- Sync keys, one per epoch (32 bytes).
CREATE TABLE sync_keyring (
  key_epoch INTEGER PRIMARY KEY,
  sync_key  BLOB NOT NULL CHECK (length (sync_key) = 32)
) STRICT;

-- Members whose envelopes are accepted, with their Ed25519 public keys.
CREATE TABLE sync_member (
  device_id  TEXT PRIMARY KEY NOT NULL,
  sign_pk    BLOB NOT NULL CHECK (length (sign_pk) = 32),
  role       TEXT NOT NULL DEFAULT 'device' CHECK (role IN ('owner', 'device', 'accountant')),
  revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;

-- The version of each synced field: last writer by (hlc, device_id) wins.
-- vhash is the BLAKE2b-128 of the value written, so that capture emits
-- only the fields a local change touched. field 'deleted' is a tombstone.
CREATE TABLE sync_field (
  entity    TEXT NOT NULL,
  row_id    TEXT NOT NULL,
  field     TEXT NOT NULL,
  hlc       INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  vhash     BLOB,
  PRIMARY KEY (entity, row_id, field)
) STRICT, WITHOUT ROWID;

-- Sealed, signed envelopes: written in the transaction of the change,
-- pushed byte for byte until acknowledged (server_seq set).
CREATE TABLE sync_outbox (
  dev_seq    INTEGER PRIMARY KEY,
  key_epoch  INTEGER NOT NULL,
  nonce      BLOB NOT NULL,
  ct         BLOB NOT NULL,
  sig        BLOB NOT NULL,
  server_seq INTEGER
) STRICT;

-- Exactly once: the highest dev_seq applied per device.
CREATE TABLE sync_applied (
  device_id   TEXT PRIMARY KEY NOT NULL,
  max_dev_seq INTEGER NOT NULL
) STRICT;

-- The relay cursor.
CREATE TABLE sync_cursor (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  server_seq     INTEGER NOT NULL DEFAULT 0,
  snapshot_floor INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Ops that cannot apply yet: a whole envelope after a gap in its device's
-- dev_seq (idx = -1, op = the decrypted plaintext), or one op whose parent
-- row or predecessor is missing (idx >= 0).
CREATE TABLE sync_pending (
  device_id TEXT NOT NULL,
  dev_seq   INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  op        TEXT NOT NULL,
  PRIMARY KEY (device_id, dev_seq, idx)
) STRICT, WITHOUT ROWID;

-- Series leases as the relay last granted them; issuing in a series needs
-- holder = this device while sync is on.
CREATE TABLE series_lease (
  series      TEXT PRIMARY KEY NOT NULL,
  holder      TEXT,
  epoch       INTEGER NOT NULL DEFAULT 0,
  last_number INTEGER NOT NULL DEFAULT 0,
  last_date   TEXT
) STRICT;
