-- Get-proof-by-hash, first level: the leaf hashes of each complete epoch of 65,536 leaves as one
-- sorted run keyed by (epoch, hash) (JdbcLogStorage.indexOf, EPOCH_BITS = 16). With V5's
-- (idx >> 12, hash) index alone a lookup took one seek per 4,096 leaves, ever more as the log
-- grows; now one per epoch plus at most 16 in the open epoch. The append that completes an epoch
-- writes its run in key order into a key range no row had yet: sequential pages, once per epoch,
-- where a hash-keyed index over all leaves takes a random page per leaf.
-- Keep in step with ../postgresql/V7__sealed_leaf_hashes.sql.
CREATE TABLE log_leaf_hashes (
  epoch INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  idx   INTEGER NOT NULL,
  PRIMARY KEY (epoch, hash, idx)
) WITHOUT ROWID;

INSERT INTO log_leaf_hashes (epoch, hash, idx)
  SELECT idx >> 16, hash, idx FROM log_tree
  WHERE level = 0 AND idx < (((SELECT size FROM log_state WHERE id = 1) >> 16) << 16)
  ORDER BY idx >> 16, hash, idx;
