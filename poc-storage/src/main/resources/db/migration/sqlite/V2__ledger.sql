-- The ledger (poc-ledger's state machine, stored). Amounts are signed micro-units (INTEGER); only
-- the account 'external' is ever negative. Keep in step with ../postgresql/V2__ledger.sql.

CREATE TABLE ledger_accounts (
  account TEXT    NOT NULL PRIMARY KEY,
  balance INTEGER NOT NULL
);

-- One row per applied operation, in order. operation is the operation's canonical CBOR, posting
-- the posting's (operation id, operation, transfers): what Ledger.replay audits.
CREATE TABLE ledger_postings (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  operation_id TEXT    NOT NULL UNIQUE,
  operation    BLOB    NOT NULL,
  posting      BLOB    NOT NULL,
  applied_at   INTEGER NOT NULL
);

-- Jobs in escrow: the EscrowJob operation that opened each (requester and terms), the number of
-- settled tasks, and whether it is still open (1) or closed (0).
CREATE TABLE ledger_jobs (
  job_id           TEXT    NOT NULL PRIMARY KEY,
  escrow_operation BLOB    NOT NULL,
  settled_tasks    INTEGER NOT NULL,
  is_open          INTEGER NOT NULL
);

CREATE TABLE ledger_settled_tasks (
  job_id  TEXT NOT NULL REFERENCES ledger_jobs (job_id),
  task_id TEXT NOT NULL,
  PRIMARY KEY (job_id, task_id)
);

CREATE TABLE ledger_stake_locks (
  node_id TEXT    NOT NULL,
  job_id  TEXT    NOT NULL,
  task_id TEXT    NOT NULL,
  amount  INTEGER NOT NULL,
  PRIMARY KEY (node_id, job_id, task_id)
);
