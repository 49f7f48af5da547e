-- The transparency log (poc-translog's LogStorage port, stored; docs/translog.md "Storage").
-- Keep in step with ../postgresql/V3__transparency_log.sql.

-- One row: the number of leaves. Appends lock it (PostgreSQL: SELECT ... FOR UPDATE) and check it
-- against the size the batch was prepared for, so two coordinators never interleave the log.
CREATE TABLE log_state (
  id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL CHECK (size >= 0)
);
INSERT INTO log_state (id, size) VALUES (1, 0);

-- The canonical CBOR bytes of each entry, by index.
CREATE TABLE log_entries (
  idx   INTEGER NOT NULL PRIMARY KEY,
  entry BLOB    NOT NULL
);

-- The Merkle tree: level 0 holds the RFC 6962 leaf hash of entry idx, level l >= 1 the hash of the
-- perfect subtree over leaves [idx * 2^l, (idx + 1) * 2^l), written when an append completes it.
CREATE TABLE log_tree (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
);
-- RFC 6962 §4.5 get-proof-by-hash: the index of a leaf hash.
CREATE INDEX log_tree_leaf_hash ON log_tree (hash, idx) WHERE level = 0;

-- Every signed tree head kept, in its canonical CBOR form (SignedTreeHead.encode).
CREATE TABLE log_heads (
  tree_size INTEGER NOT NULL,
  ts_ms     INTEGER NOT NULL,
  key_id    BLOB    NOT NULL,
  root      BLOB    NOT NULL,
  head      BLOB    NOT NULL,
  PRIMARY KEY (tree_size, ts_ms, key_id)
);
