-- Coordinator state on SQLite. Instants are epoch nanoseconds (INTEGER); bytes are BLOBs; enums
-- are their Java names. docs/storage.md describes every table. Keep in step with
-- ../postgresql/V1__coordinator_state.sql: same tables, columns, keys and indexes.

CREATE TABLE nodes (
  node_id           TEXT    NOT NULL PRIMARY KEY,
  public_key        BLOB    NOT NULL,
  roles             TEXT    NOT NULL,
  registered_at     INTEGER NOT NULL,
  consecutive_valid INTEGER NOT NULL,
  strikes           INTEGER NOT NULL,
  status            TEXT    NOT NULL,
  throttled_until   INTEGER
);

CREATE TABLE nonces (
  node_id TEXT    NOT NULL,
  nonce   TEXT    NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (node_id, nonce)
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

CREATE TABLE jobs (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id           TEXT    NOT NULL UNIQUE,
  requester        TEXT    NOT NULL,
  idempotency_key  TEXT    NOT NULL,
  workload_name    TEXT    NOT NULL,
  workload_version INTEGER NOT NULL,
  workload_digest  TEXT    NOT NULL,
  input            BLOB    NOT NULL,
  scheme           TEXT    NOT NULL,
  parameters       BLOB    NOT NULL,
  terms            BLOB    NOT NULL,
  replicas         INTEGER NOT NULL,
  status           TEXT    NOT NULL,
  result           BLOB,
  summary          TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  decided_at       INTEGER,
  UNIQUE (requester, idempotency_key)
);
CREATE INDEX jobs_status ON jobs (status, seq);
CREATE INDEX jobs_requester ON jobs (requester, seq);

CREATE TABLE tasks (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id        TEXT    NOT NULL UNIQUE,
  job_id         TEXT    NOT NULL REFERENCES jobs (job_id),
  kind           TEXT    NOT NULL,
  replica        INTEGER NOT NULL,
  parent_task_id TEXT    REFERENCES tasks (task_id),
  state          TEXT    NOT NULL,
  holder         TEXT,
  lease_id       TEXT,
  lease_deadline INTEGER,
  attempts       INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  secret         BLOB,
  commitment     BLOB,
  randomness     BLOB,
  challenge      BLOB,
  response       BLOB,
  work           BLOB,
  report         BLOB,
  check_result   BLOB,
  verdict        BLOB
);
-- Replicas of one job go to distinct providers, even when two coordinators race.
CREATE UNIQUE INDEX tasks_one_replica_per_node ON tasks (job_id, holder)
  WHERE kind = 'EXECUTE' AND holder IS NOT NULL;
CREATE UNIQUE INDEX tasks_execute_replica ON tasks (job_id, replica) WHERE kind = 'EXECUTE';
CREATE UNIQUE INDEX tasks_validate_index ON tasks (parent_task_id, replica) WHERE kind = 'VALIDATE';
CREATE INDEX tasks_state ON tasks (state, seq);
CREATE INDEX tasks_job ON tasks (job_id, seq);
CREATE INDEX tasks_holder ON tasks (holder, seq);

CREATE TABLE disputes (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  dispute_id       TEXT    NOT NULL UNIQUE,
  job_id           TEXT    NOT NULL REFERENCES jobs (job_id),
  task_a           TEXT    NOT NULL REFERENCES tasks (task_id),
  task_b           TEXT    NOT NULL REFERENCES tasks (task_id),
  state            TEXT    NOT NULL,
  pending_task_id  TEXT,
  pending_request  BLOB,
  pending_deadline INTEGER,
  answer_count     INTEGER NOT NULL,
  outcome          BLOB,
  opened_at        INTEGER NOT NULL,
  closed_at        INTEGER
);
CREATE INDEX disputes_job ON disputes (job_id, seq);
CREATE INDEX disputes_deadline ON disputes (state, pending_deadline);

CREATE TABLE dispute_answers (
  dispute_id  TEXT    NOT NULL REFERENCES disputes (dispute_id),
  idx         INTEGER NOT NULL,
  task_id     TEXT    NOT NULL,
  request     BLOB    NOT NULL,
  answer      BLOB    NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (dispute_id, idx)
);
