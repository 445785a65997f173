-- 0009-sync-members.sql: what a device keeps about members and its own
-- numbering (docs/sync.md, "Pairing and revocation", "Own series").
-- Revocation with a cut-off: a revoked member's envelopes up to
-- revoked_after (its dev_seq when the relay revoked it) still apply on
-- every replica; later ones are refused. NULL: not revoked.
ALTER TABLE sync_member ADD COLUMN revoked_after INTEGER;

-- This device's own series ("B": numbers 2026-B-0001 in series
-- invoice/2026/B), used when it does not hold the default series' lease;
-- NULL: not enabled. Local, never synced.
ALTER TABLE sync_self ADD COLUMN own_series TEXT;
