-- 0001-relay.sql: the relay's whole state. It stores ids, public keys,
-- sequence numbers, sizes, times and opaque ciphertext; never names,
-- amounts or invoice numbers (docs/sync-protocol.md, "What the relay sees").
-- Ids are 16 raw bytes. No foreign keys: erasure deletes from every table
-- in one transaction (sync/relay/dokus-relay-erase.c) and the push path
-- stays free of per-row trigger checks.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE book (
  book_id        bytea PRIMARY KEY CHECK (length(book_id) = 16),
  last_seq       bigint NOT NULL DEFAULT 0,
  key_epoch      integer NOT NULL DEFAULT 0,
  snapshot_floor bigint NOT NULL DEFAULT 0,
  min_schema     integer NOT NULL DEFAULT 0,
  box_pk         bytea NOT NULL CHECK (length(box_pk) = 32),
  hook_hash      bytea,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE member (
  book_id     bytea NOT NULL,
  device_id   bytea NOT NULL CHECK (length(device_id) = 16),
  role        text NOT NULL CHECK (role IN ('owner', 'device', 'accountant')),
  sign_pk     bytea NOT NULL CHECK (length(sign_pk) = 32),
  box_pk      bytea NOT NULL CHECK (length(box_pk) = 32),
  max_dev_seq bigint NOT NULL DEFAULT 0,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (book_id, device_id)
);

CREATE TABLE envelope (
  book_id     bytea NOT NULL,
  server_seq  bigint NOT NULL,
  device_id   bytea NOT NULL,
  dev_seq     bigint NOT NULL,
  key_epoch   integer NOT NULL,
  nonce       bytea NOT NULL,
  ct          bytea NOT NULL,
  sig         bytea NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (book_id, server_seq),
  UNIQUE (book_id, device_id, dev_seq)
);

CREATE TABLE snapshot (
  book_id     bytea NOT NULL,
  upto_seq    bigint NOT NULL,
  key_epoch   integer NOT NULL,
  device_id   bytea NOT NULL,
  blob        bytea NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (book_id, upto_seq)
);

CREATE TABLE key_bundle (
  book_id   bytea NOT NULL,
  device_id bytea NOT NULL,
  key_epoch integer NOT NULL,
  sealed    bytea NOT NULL,
  PRIMARY KEY (book_id, device_id, key_epoch)
);

CREATE TABLE lease (
  book_id     bytea NOT NULL,
  series_tag  bytea NOT NULL,
  holder      bytea,
  epoch       bigint NOT NULL DEFAULT 0,
  release_seq bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (book_id, series_tag)
);

CREATE TABLE inbox (
  book_id     bytea NOT NULL,
  inbox_seq   bigint NOT NULL,
  sealed      bytea NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (book_id, inbox_seq)
);

-- Single-use sign-in challenges (random 32 bytes, kept as a BLAKE2b hash).
CREATE TABLE auth_challenge (
  challenge_hash bytea PRIMARY KEY,
  book_id        bytea NOT NULL,
  device_id      bytea NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX auth_challenge_book ON auth_challenge (book_id);

-- Refresh-token families: a token is used once; reusing one revokes the
-- family (and the access tokens that name it).
CREATE TABLE token_family (
  family_id  bytea PRIMARY KEY,
  book_id    bytea NOT NULL,
  device_id  bytea NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX token_family_member ON token_family (book_id, device_id);

CREATE TABLE refresh_token (
  token_hash bytea PRIMARY KEY,
  family_id  bytea NOT NULL,
  book_id    bytea NOT NULL,
  used_at    timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_book ON refresh_token (book_id);

-- Pairing rendezvous (unauthenticated, 10 minutes, a few small messages
-- per slot). The messages are tagged or sealed by the devices themselves.
CREATE TABLE pair_message (
  slot       text NOT NULL,
  idx        integer NOT NULL,
  body       bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (slot, idx)
);
