-- A posting's operation is inside its canonical posting bytes already (Posting: id, operation,
-- transfers); the separate copy was written for every operation and never read. Dropping it saves
-- about a third of each posting row. Keep in step with ../postgresql/V6__posting_without_operation_copy.sql.
ALTER TABLE ledger_postings DROP COLUMN operation;
