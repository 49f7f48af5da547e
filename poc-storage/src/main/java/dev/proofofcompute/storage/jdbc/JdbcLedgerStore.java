package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.BalanceView;
import dev.proofofcompute.ledger.JobState;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.LedgerRules;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.Posting;
import dev.proofofcompute.ledger.StakeLock;
import dev.proofofcompute.ledger.Transfer;
import dev.proofofcompute.storage.LedgerStore;
import dev.proofofcompute.storage.StoredPosting;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link LedgerStore} over the {@code ledger_*} tables: {@code LedgerRules.plan} decides, this
 * class locks, reads and writes.
 *
 * <p>{@link #apply} in order:
 *
 * <ol>
 *   <li>on PostgreSQL, locks the operation's accounts in their global (string) order — a missing
 *       account gets a zero row first so that it can be locked — then its job row and its
 *       stake-lock row ({@code SELECT ... FOR UPDATE}). One order for everyone means two
 *       transactions never wait on each other in a cycle. SQLite holds the database's write lock
 *       already and skips this step;
 *   <li>plans the operation against a {@link BalanceView} over those rows; if the plan is refused
 *       and the operation id was applied already, the stored posting is the answer (or a different
 *       operation under that id is refused);
 *   <li>claims the operation id ({@code INSERT ... ON CONFLICT DO NOTHING} on its unique key). A
 *       claim that finds the id taken (applied earlier, or by a concurrent transaction with other
 *       accounts) answers with the stored posting, before anything was written; so a replay costs a
 *       plan, and a first application costs no lookup of its id;
 *   <li>moves the balances — one upsert of each account's net change, which creates the row of an
 *       account credited for the first time — and records the job and lock changes the operation
 *       implies, exactly as the reference {@code Ledger} does.
 * </ol>
 *
 * <p>An account without a row reads as zero ({@link #balance}), so whether a row of balance zero
 * exists is not observable through this interface.
 */
final class JdbcLedgerStore implements LedgerStore {
  private static final int MAX_PAGE = 1000;

  /**
   * Escrow operations already parsed, by their stored bytes: a job's escrow row never changes and
   * every settlement reads it (parsing it again was 4% of a lifecycle's transaction time). Keyed by
   * content, so one cache serves every storage; the least recently used of {@value
   * #PARSED_CAPACITY} goes first.
   */
  private static final Map<Bytes, Operation.EscrowJob> PARSED_ESCROWS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Operation.EscrowJob> eldest) {
              return size() > PARSED_CAPACITY;
            }
          });

  private static final int PARSED_CAPACITY = 4096;

  private final JdbcTx tx;

  /**
   * Balances and ledger jobs this transaction has read, where {@link JdbcTx#rows()} says a cache is
   * exact (SQLite; see {@link TxRowCache}); null otherwise. A batch of 64 leases by one provider
   * read its bonded balance 64 times. A balance follows each move made here; a job is forgotten
   * when an operation changes it.
   */
  private final @Nullable Map<AccountId, Long> balances;

  private final @Nullable Map<String, Optional<JobState>> jobs;

  JdbcLedgerStore(JdbcTx tx) {
    this.tx = tx;
    boolean cache = tx.rows() != null;
    this.balances = cache ? new HashMap<>() : null;
    this.jobs = cache ? new HashMap<>() : null;
  }

  @Override
  public Posting apply(OperationId id, Operation op, Instant at) throws LedgerException {
    try {
      Sql sql = tx.sql();
      if (tx.dialect.locksRows()) {
        lock(sql, op);
      }
      List<Transfer> transfers;
      try {
        transfers = LedgerRules.plan(op, new View());
      } catch (LedgerException | RuntimeException refused) {
        // A replay's answer is the stored posting, whatever the state says now.
        Optional<StoredPosting> earlier;
        try {
          earlier = posting(id);
        } catch (RuntimeException e) {
          refused.addSuppressed(e);
          throw refused;
        }
        if (earlier.isPresent()) {
          return replayed(id, op, earlier.get());
        }
        throw refused;
      }
      Posting posting = new Posting(id, op, transfers);
      int claimed =
          sql.update(
              "INSERT INTO ledger_postings (operation_id, posting, applied_at)"
                  + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
              id.value(),
              posting.toBytes(),
              at);
      if (claimed == 0) {
        return replayed(id, op, posting(id).orElseThrow());
      }
      move(sql, op, transfers);
      record(sql, op);
      return posting;
    } catch (SQLException e) {
      throw JdbcTx.failure("applying ledger operation " + id, e);
    }
  }

  /**
   * PostgreSQL: locks the operation's account rows in their global order (a missing account gets a
   * zero row first so that it can be locked), then its job row and its stake-lock row.
   */
  private void lock(Sql sql, Operation op) throws SQLException {
    for (AccountId a : op.accounts()) {
      sql.update(
          "INSERT INTO ledger_accounts (account, balance) VALUES (?, 0) ON CONFLICT DO NOTHING",
          a.value());
    }
    for (AccountId a : op.accounts()) {
      sql.one(
          "SELECT balance FROM ledger_accounts WHERE account = ?" + tx.dialect.forUpdate,
          r -> r.longValue(1),
          a.value());
    }
    Optional<String> jobId = op.affectedJob();
    if (jobId.isPresent()) {
      sql.one(
          "SELECT job_id FROM ledger_jobs WHERE job_id = ?" + tx.dialect.forUpdate,
          r -> r.text("job_id"),
          jobId.get());
    }
    Optional<StakeLock> lock = stakeLockOf(op);
    if (lock.isPresent()) {
      sql.one(
          "SELECT amount FROM ledger_stake_locks WHERE node_id = ? AND job_id = ? AND task_id = ?"
              + tx.dialect.forUpdate,
          r -> r.longValue("amount"),
          lock.get().node(),
          lock.get().jobId(),
          lock.get().taskId());
    }
  }

  private static Posting replayed(OperationId id, Operation op, StoredPosting earlier)
      throws LedgerException {
    if (earlier.posting().operation().equals(op)) {
      return earlier.posting();
    }
    throw new LedgerException(
        LedgerException.Reason.CONFLICTING_REPLAY,
        "operation id " + id + " was already applied to a different operation");
  }

  private static Optional<StakeLock> stakeLockOf(Operation op) {
    return switch (op) {
      case Operation.LockStake l -> Optional.of(l.lock());
      case Operation.ReleaseStake r -> Optional.of(r.lock());
      case Operation.Slash s -> Optional.of(s.lock());
      default -> Optional.empty();
    };
  }

  /**
   * Moves the balances: the transfers' net change per account, in one statement that creates an
   * account's row on its first credit (an account that was never moved reads as zero).
   */
  private void move(Sql sql, Operation op, List<Transfer> transfers) throws SQLException {
    SortedMap<AccountId, Long> net = new TreeMap<>();
    for (Transfer t : transfers) {
      for (AccountId a : List.of(t.from(), t.to())) {
        if (!op.accounts().contains(a)) {
          throw new IllegalStateException(
              "a transfer names account " + a + " that its operation did not declare");
        }
      }
      net.merge(t.from(), -t.amount().units(), Math::addExact);
      net.merge(t.to(), t.amount().units(), Math::addExact);
    }
    net.values().removeIf(delta -> delta == 0);
    if (net.isEmpty()) {
      return;
    }
    StringBuilder q = new StringBuilder("INSERT INTO ledger_accounts (account, balance) VALUES ");
    Object[] params = new Object[2 * net.size()];
    int i = 0;
    for (var e : net.entrySet()) {
      q.append(i == 0 ? "(?, ?)" : ", (?, ?)");
      params[i++] = e.getKey().value();
      params[i++] = e.getValue();
    }
    q.append(
        " ON CONFLICT (account) DO UPDATE SET balance = ledger_accounts.balance"
            + " + excluded.balance");
    sql.update(q.toString(), params);
    if (balances != null) {
      for (var e : net.entrySet()) {
        balances.computeIfPresent(e.getKey(), (a, b) -> Math.addExact(b, e.getValue()));
      }
    }
  }

  private void record(Sql sql, Operation op) throws SQLException {
    if (jobs != null) {
      switch (op) {
        case Operation.EscrowJob e -> jobs.remove(e.jobId());
        case Operation.Reward r -> jobs.remove(r.jobId());
        case Operation.CloseJob c -> jobs.remove(c.jobId());
        default -> {}
      }
    }
    switch (op) {
      case Operation.EscrowJob e ->
          sql.update(
              "INSERT INTO ledger_jobs (job_id, escrow_operation, settled_tasks, is_open)"
                  + " VALUES (?, ?, 0, 1)",
              e.jobId(),
              e.toBytes());
      case Operation.LockStake l ->
          sql.update(
              "INSERT INTO ledger_stake_locks (node_id, job_id, task_id, amount)"
                  + " VALUES (?, ?, ?, ?)",
              l.node(),
              l.jobId(),
              l.taskId(),
              l.amount().units());
      case Operation.ReleaseStake r -> deleteLock(sql, r.lock());
      case Operation.Slash s -> deleteLock(sql, s.lock());
      case Operation.Reward r -> {
        sql.update(
            "INSERT INTO ledger_settled_tasks (job_id, task_id) VALUES (?, ?)",
            r.jobId(),
            r.taskId());
        sql.update(
            "UPDATE ledger_jobs SET settled_tasks = settled_tasks + 1 WHERE job_id = ?", r.jobId());
      }
      case Operation.CloseJob c ->
          sql.update("UPDATE ledger_jobs SET is_open = 0 WHERE job_id = ?", c.jobId());
      default -> {}
    }
  }

  private static void deleteLock(Sql sql, StakeLock lock) throws SQLException {
    sql.update(
        "DELETE FROM ledger_stake_locks WHERE node_id = ? AND job_id = ? AND task_id = ?",
        lock.node(),
        lock.jobId(),
        lock.taskId());
  }

  @Override
  public Amount balance(AccountId account) {
    if (account.kind() == AccountId.Kind.EXTERNAL) {
      throw new IllegalArgumentException(
          "the external account's balance is negative; use outstanding() or balances()");
    }
    return Amount.of(signedBalance(account));
  }

  private long signedBalance(AccountId account) {
    Long cached = balances == null ? null : balances.get(account);
    if (cached != null) {
      tx.sql();
      return cached;
    }
    try {
      long balance =
          tx.sql()
              .one(
                  "SELECT balance FROM ledger_accounts WHERE account = ?",
                  r -> r.longValue("balance"),
                  account.value())
              .orElse(0L);
      if (balances != null) {
        balances.put(account, balance);
      }
      return balance;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the balance of " + account, e);
    }
  }

  @Override
  public Amount outstanding() {
    return Amount.of(-signedBalance(AccountId.external()));
  }

  @Override
  public SortedMap<AccountId, Long> balances() {
    try {
      SortedMap<AccountId, Long> out = new TreeMap<>();
      for (var e :
          tx.sql()
              .list(
                  "SELECT account, balance FROM ledger_accounts WHERE balance <> 0",
                  r -> Map.entry(r.text("account"), r.longValue("balance")))) {
        out.put(AccountId.parse(e.getKey()), e.getValue());
      }
      return out;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading balances", e);
    }
  }

  @Override
  public Optional<StoredPosting> posting(OperationId id) {
    try {
      return tx.sql()
          .one(
              "SELECT seq, posting, applied_at FROM ledger_postings WHERE operation_id = ?",
              JdbcLedgerStore::mapPosting,
              id.value());
    } catch (SQLException e) {
      throw JdbcTx.failure("reading posting " + id, e);
    }
  }

  @Override
  public List<StoredPosting> postings(long afterSeq, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_PAGE + ", got " + limit);
    }
    try {
      return tx.sql()
          .list(
              "SELECT seq, posting, applied_at FROM ledger_postings WHERE seq > ?"
                  + " ORDER BY seq LIMIT ?",
              JdbcLedgerStore::mapPosting,
              afterSeq,
              limit);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading postings", e);
    }
  }

  @Override
  public LedgerSnapshot snapshot() {
    try {
      Sql sql = tx.sql();
      SortedMap<String, JobState> jobs = new TreeMap<>();
      for (String jobId : sql.list("SELECT job_id FROM ledger_jobs", r -> r.text("job_id"))) {
        jobs.put(jobId, readJob(jobId).orElseThrow());
      }
      SortedMap<String, SortedSet<String>> settled = new TreeMap<>();
      for (var e :
          sql.list(
              "SELECT job_id, task_id FROM ledger_settled_tasks",
              r -> Map.entry(r.text("job_id"), r.text("task_id")))) {
        settled.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue());
      }
      SortedMap<StakeLock, Amount> locks = new TreeMap<>();
      for (var e :
          sql.list(
              "SELECT node_id, job_id, task_id, amount FROM ledger_stake_locks",
              r ->
                  Map.entry(
                      new StakeLock(r.nodeId("node_id"), r.text("job_id"), r.text("task_id")),
                      Amount.of(r.longValue("amount"))))) {
        locks.put(e.getKey(), e.getValue());
      }
      return new LedgerSnapshot(balances(), jobs, settled, locks);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the ledger", e);
    }
  }

  private record JobRow(Bytes escrow, int settled, boolean open) {}

  private Optional<JobState> readJob(String jobId) throws SQLException {
    Optional<JobRow> row =
        tx.sql()
            .one(
                "SELECT escrow_operation, settled_tasks, is_open FROM ledger_jobs WHERE job_id = ?",
                r ->
                    new JobRow(
                        r.bytes("escrow_operation"),
                        r.intValue("settled_tasks"),
                        r.intValue("is_open") != 0),
                jobId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Operation.EscrowJob e = PARSED_ESCROWS.get(row.get().escrow());
    if (e == null) {
      Operation escrow;
      try {
        escrow = Operation.parse(row.get().escrow());
      } catch (DecodingException x) {
        throw new SQLException("the stored escrow operation of job " + jobId + " is invalid", x);
      }
      if (!(escrow instanceof Operation.EscrowJob parsed)) {
        throw new SQLException("the stored escrow operation of job " + jobId + " is not EscrowJob");
      }
      e = parsed;
      PARSED_ESCROWS.put(row.get().escrow(), e);
    }
    return Optional.of(
        new JobState(jobId, e.requester(), e.terms(), row.get().settled(), row.get().open()));
  }

  private static StoredPosting mapPosting(Sql.Row r) throws SQLException {
    try {
      return new StoredPosting(
          r.longValue("seq"), Posting.parse(r.bytes("posting")), r.instant("applied_at"));
    } catch (DecodingException e) {
      throw new SQLException("a stored posting does not decode: " + e.getMessage(), e);
    }
  }

  /** The ledger state as {@link LedgerRules#plan} reads it, over this transaction's rows. */
  private final class View implements BalanceView {
    @Override
    public Amount balance(AccountId account) {
      return JdbcLedgerStore.this.balance(account);
    }

    @Override
    public Amount outstanding() {
      return JdbcLedgerStore.this.outstanding();
    }

    @Override
    public Optional<JobState> job(String jobId) {
      Optional<JobState> cached = jobs == null ? null : jobs.get(jobId);
      if (cached != null) {
        return cached;
      }
      try {
        Optional<JobState> job = readJob(jobId);
        if (jobs != null) {
          jobs.put(jobId, job);
        }
        return job;
      } catch (SQLException e) {
        throw JdbcTx.failure("reading ledger job " + jobId, e);
      }
    }

    @Override
    public boolean taskSettled(String jobId, String taskId) {
      try {
        return tx.sql()
                .scalar(
                    "SELECT COUNT(*) FROM ledger_settled_tasks WHERE job_id = ? AND task_id = ?",
                    jobId,
                    taskId)
            > 0;
      } catch (SQLException e) {
        throw JdbcTx.failure("reading settled tasks", e);
      }
    }

    @Override
    public Optional<Amount> stakeLock(StakeLock lock) {
      try {
        return tx.sql()
            .one(
                "SELECT amount FROM ledger_stake_locks WHERE node_id = ? AND job_id = ?"
                    + " AND task_id = ?",
                r -> Amount.of(r.longValue("amount")),
                lock.node(),
                lock.jobId(),
                lock.taskId());
      } catch (SQLException e) {
        throw JdbcTx.failure("reading a stake lock", e);
      }
    }
  }
}
