-- Coordinator state on PostgreSQL. Instants are epoch nanoseconds (BIGINT); bytes are BYTEA; enums
-- are their Java names. docs/storage.md describes every table. Keep in step with
-- ../sqlite/V1__coordinator_state.sql: same tables, columns, keys and indexes.

CREATE TABLE nodes (
  node_id           TEXT    NOT NULL PRIMARY KEY,
  public_key        BYTEA   NOT NULL,
  roles             TEXT    NOT NULL,
  registered_at     BIGINT  NOT NULL,
  consecutive_valid BIGINT  NOT NULL,
  strikes           BIGINT  NOT NULL,
  status            TEXT    NOT NULL,
  throttled_until   BIGINT
);

CREATE TABLE nonces (
  node_id TEXT    NOT NULL,
  nonce   TEXT    NOT NULL,
  seen_at BIGINT  NOT NULL,
  PRIMARY KEY (node_id, nonce)
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

CREATE TABLE jobs (
  seq              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id           TEXT    NOT NULL UNIQUE,
  requester        TEXT    NOT NULL,
  idempotency_key  TEXT    NOT NULL,
  workload_name    TEXT    NOT NULL,
  workload_version BIGINT  NOT NULL,
  workload_digest  TEXT    NOT NULL,
  input            BYTEA   NOT NULL,
  scheme           TEXT    NOT NULL,
  parameters       BYTEA   NOT NULL,
  terms            BYTEA   NOT NULL,
  replicas         BIGINT  NOT NULL,
  status           TEXT    NOT NULL,
  result           BYTEA,
  summary          TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL,
  decided_at       BIGINT,
  UNIQUE (requester, idempotency_key)
);
CREATE INDEX jobs_status ON jobs (status, seq);
CREATE INDEX jobs_requester ON jobs (requester, seq);

CREATE TABLE tasks (
  seq            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id        TEXT    NOT NULL UNIQUE,
  job_id         TEXT    NOT NULL REFERENCES jobs (job_id),
  kind           TEXT    NOT NULL,
  replica        BIGINT  NOT NULL,
  parent_task_id TEXT    REFERENCES tasks (task_id),
  state          TEXT    NOT NULL,
  holder         TEXT,
  lease_id       TEXT,
  lease_deadline BIGINT,
  attempts       BIGINT  NOT NULL,
  created_at     BIGINT  NOT NULL,
  updated_at     BIGINT  NOT NULL,
  secret         BYTEA,
  commitment     BYTEA,
  randomness     BYTEA,
  challenge      BYTEA,
  response       BYTEA,
  work           BYTEA,
  report         BYTEA,
  check_result   BYTEA,
  verdict        BYTEA
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
  seq              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dispute_id       TEXT    NOT NULL UNIQUE,
  job_id           TEXT    NOT NULL REFERENCES jobs (job_id),
  task_a           TEXT    NOT NULL REFERENCES tasks (task_id),
  task_b           TEXT    NOT NULL REFERENCES tasks (task_id),
  state            TEXT    NOT NULL,
  pending_task_id  TEXT,
  pending_request  BYTEA,
  pending_deadline BIGINT,
  answer_count     BIGINT  NOT NULL,
  outcome          BYTEA,
  opened_at        BIGINT  NOT NULL,
  closed_at        BIGINT
);
CREATE INDEX disputes_job ON disputes (job_id, seq);
CREATE INDEX disputes_deadline ON disputes (state, pending_deadline);

CREATE TABLE dispute_answers (
  dispute_id  TEXT    NOT NULL REFERENCES disputes (dispute_id),
  idx         BIGINT  NOT NULL,
  task_id     TEXT    NOT NULL,
  request     BYTEA   NOT NULL,
  answer      BYTEA   NOT NULL,
  answered_at BIGINT  NOT NULL,
  PRIMARY KEY (dispute_id, idx)
);
