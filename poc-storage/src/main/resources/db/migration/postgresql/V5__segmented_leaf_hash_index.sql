-- The leaf-hash index (RFC 6962 get-proof-by-hash) keyed by segment first: segment = idx >> 12,
-- 4,096 leaves each. Leaf hashes are uniformly random, so an index on (hash) takes one random page
-- per appended leaf: with WAL each commit rewrote most of that index (measured: 203 KB written per
-- task lifecycle, 92 KB without the index). Keyed by (segment, hash), appends go to the newest
-- segment's few pages; a lookup seeks each segment (JdbcLogStorage.indexOf). Keep in step with
-- ../sqlite/V5__segmented_leaf_hash_index.sql and JdbcLogStorage.SEGMENT_BITS.
DROP INDEX log_tree_leaf_hash;
CREATE INDEX log_tree_leaf_hash ON log_tree ((idx >> 12), hash) WHERE level = 0;
