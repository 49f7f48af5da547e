package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.coordinator.ApiFixture;
import dev.proofofcompute.coordinator.EndToEndIT;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transparency log of a real coordinator after an end-to-end run (poc-coordinator's {@link
 * EndToEndIT} scenario: spot-check, replication, Freivalds and bisection jobs with honest and
 * cheating providers): {@code poc audit --coordinator URL} and {@code --db sqlite:FILE} pass; the
 * proofs the HTTP endpoints serve verify with a verifier written here from RFC 6962 §2.1 alone; and
 * each kind of tampering with the coordinator's database is caught and named.
 */
class CoordinatorAuditIT {
  static final long SEED = EndToEndIT.SEED;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static ApiFixture fixture;
  static Path key;
  static int copies;

  @BeforeAll
  static void run() throws Exception {
    fixture = new ApiFixture(dir, SEED, 8 << 20);
    EndToEndIT.runAndCheck(fixture);
    key = dir.resolve("coordinator.pub");
    KeyFiles.savePublicKey(key, fixture.coordinator.identity().publicKey());
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** A consistent copy of the live coordinator database (SQLite {@code VACUUM INTO}). */
  static Path copy() throws SQLException {
    copies++;
    Path out = dir.resolve("copy-" + copies + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("api.db"));
        var st = c.createStatement()) {
      st.execute("VACUUM INTO '" + out + "'");
    }
    return out;
  }

  static Run audit(String... args) {
    List<String> all = new ArrayList<>(List.of("audit", "--coordinator-key", key.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of("--seed", Long.toString(SEED)));
    return TourCommandTest.run(all.toArray(String[]::new));
  }

  static void sql(Path db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement()) {
      for (String s : statements) {
        st.executeUpdate(s);
      }
    }
  }

  static Bytes entry(Path db, long index) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var ps = c.prepareStatement("SELECT entry FROM log_entries WHERE idx = ?")) {
      ps.setLong(1, index);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).as("entry %d", index).isTrue();
        return Bytes.of(rs.getBytes(1));
      }
    }
  }

  static void setEntry(Path db, long index, Bytes bytes) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var ps = c.prepareStatement("UPDATE log_entries SET entry = ? WHERE idx = ?")) {
      ps.setBytes(1, bytes.toByteArray());
      ps.setLong(2, index);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  /** The index of the first entry of {@code kind}. */
  static long first(Path db, EntryKind kind) throws Exception {
    for (long i = 0; ; i++) {
      if (LogEntry.decode(entry(db, i)).kind() == kind) {
        return i;
      }
    }
  }

  // ------------------------------------------------------------------ passes

  @Test
  void auditOverHttpPasses() {
    Run r = audit("--coordinator", fixture.coordinator.uri().toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS").contains("0 discrepancies");
    // Every node request body was compared, and the replication and bisection verdicts were
    // re-derived from the job's decision.
    assertThat(r.out())
        .containsPattern("checked: [1-9][0-9]* node request bodies matched their entries, 0 body")
        .containsPattern("\\(([1-9]) against a re-derived quorum or dispute decision\\)");
  }

  @Test
  void auditOfTheDatabasePasses() throws Exception {
    Run r = audit("--db", "sqlite:" + copy());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS").contains("0 discrepancies");
  }

  // ------------------------------------------------------------------ tampering

  @Test
  void anEditedEntryIsNamed() throws Exception {
    Path db = copy();
    long i = first(db, EntryKind.VERDICT);
    LogEntry verdict = LogEntry.decode(entry(db, i));
    CborMap.Builder b = CborMap.builder();
    verdict
        .body()
        .entries()
        .forEach(e ->
            b.put(
                e.key(),
                e.key().equals(new dev.proofofcompute.crypto.cbor.CborText("job"))
                    ? new dev.proofofcompute.crypto.cbor.CborText("another-job")
                    : e.value()));
    setEntry(
        db,
        i,
        new LogEntry(verdict.kind(), verdict.time(), b.build(), verdict.authorisation()).encode());

    Run r = audit("--db", "sqlite:" + db);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("EDITED_ENTRY at entry " + i)
        .contains("BAD_SIGNATURE at entry " + i);
  }

  @Test
  void aRejectionRewrittenAsAnAcceptanceIsNotSupportedByItsEvidence() throws Exception {
    Path db = copy();
    long i = -1;
    LogEntry verdict = null;
    for (long k = 0; verdict == null; k++) {
      LogEntry e = LogEntry.decode(entry(db, k));
      if (e.kind() == EntryKind.VERDICT
          && e.body().getMap("verdict").getText("kind").equals("rejected")
          && e.body().get("canary-secret").isPresent()) {
        i = k;
        verdict = e;
      }
    }
    CborMap.Builder b = CborMap.builder();
    var accepted = CborMap.builder().put("kind", "accepted").put("detail", "looks fine").build();
    verdict
        .body()
        .entries()
        .forEach(e ->
            b.put(
                e.key(),
                e.key().equals(new dev.proofofcompute.crypto.cbor.CborText("verdict"))
                    ? accepted
                    : e.value()));
    setEntry(
        db,
        i,
        new LogEntry(verdict.kind(), verdict.time(), b.build(), verdict.authorisation()).encode());

    Run r = audit("--db", "sqlite:" + db);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("VERDICT_UNSUPPORTED at entry " + i);
  }

  @Test
  void aDeletedEntryIsNamed() throws Exception {
    Path db = copy();
    long i = first(db, EntryKind.COMMITMENT);
    sql(db, "DELETE FROM log_entries WHERE idx = " + i);

    Run r = audit("--db", "sqlite:" + db);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("MISSING_ENTRY at entry " + i);
  }

  @Test
  void twoSwappedEntriesAreNamed() throws Exception {
    Path db = copy();
    long a = first(db, EntryKind.DEPOSIT);
    long b = first(db, EntryKind.JOB_POSTED);
    Bytes ea = entry(db, a);
    Bytes eb = entry(db, b);
    setEntry(db, a, eb);
    setEntry(db, b, ea);

    Run r = audit("--db", "sqlite:" + db);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("REORDERED at entry " + a + ": entries " + a + " and " + b);
  }

  @Test
  void aChangedBalanceIsNamedWithItsAccount() throws Exception {
    Path db = copy();
    String account;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT account FROM ledger_accounts WHERE balance > 0 ORDER BY account LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      account = rs.getString(1);
    }
    sql(
        db,
        "UPDATE ledger_accounts SET balance = balance + 1000000 WHERE account = '" + account + "'");

    Run r = audit("--db", "sqlite:" + db);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("BALANCE_MISMATCH at account " + account);
    assertThat(r.out()).doesNotContain("EDITED_ENTRY", "MISSING_ENTRY", "ROOT_MISMATCH");
  }

  @Test
  void aLogRolledBackToAnEarlierHeadIsCaughtThroughTheSavedState() throws Exception {
    Path db = copy();
    Path state = dir.resolve("rollback.state");
    Run first = audit("--db", "sqlite:" + db, "--state", state.toString());
    assertThat(first.exit()).as(first.out() + first.err()).isZero();

    long size;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT size FROM log_state WHERE id = 1")) {
      rs.next();
      size = rs.getLong(1);
    }
    long earlier;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT MAX(tree_size) FROM log_heads WHERE tree_size <= " + size / 2)) {
      rs.next();
      earlier = rs.getLong(1);
    }
    assertThat(earlier).isPositive();
    sql(
        db,
        "DELETE FROM log_entries WHERE idx >= " + earlier,
        "DELETE FROM log_tree WHERE ((idx + 1) << level) > " + earlier,
        "DELETE FROM log_heads WHERE tree_size > " + earlier,
        "UPDATE log_state SET size = " + earlier);

    Run second = audit("--db", "sqlite:" + db, "--state", state.toString());
    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
    assertThat(second.out())
        .contains("ROLLBACK at head of size " + earlier)
        .contains("a previous audit saw a signed head of " + size);
  }

  // ------------------------------------------------------------------ RFC 6962 §2.1, independently

  static JsonNode get(String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.coordinator.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode())
        .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static int status(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(fixture.coordinator.uri() + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /**
   * RFC 6962 §2.1: MTH({d0}) = SHA-256(0x00 || d0); MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) ||
   * MTH(D[k:n])).
   */
  static byte[] mth(List<byte[]> d) throws Exception {
    if (d.isEmpty()) {
      return sha256();
    }
    if (d.size() == 1) {
      return sha256(new byte[] {0}, d.get(0));
    }
    int k = largestPowerOfTwoBelow(d.size());
    return sha256(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  /** "k is the largest power of two smaller than n (i.e., k < n <= 2k)". */
  static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** RFC 6962 §2.1.1 PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) throws Exception {
    List<byte[]> out = new ArrayList<>();
    if (d.size() <= 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(d.size());
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** RFC 6962 §2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> subproof(int m, List<byte[]> d, boolean b) throws Exception {
    List<byte[]> out = new ArrayList<>();
    int n = d.size();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** Folds an audit path of leaf m in a tree of n leaves up to the root, following PATH's shape. */
  static byte[] fold(int m, int n, byte[] leafHash, List<byte[]> path) throws Exception {
    if (n == 1) {
      assertThat(path).isEmpty();
      return leafHash;
    }
    int k = largestPowerOfTwoBelow(n);
    byte[] sibling = path.get(path.size() - 1);
    List<byte[]> rest = path.subList(0, path.size() - 1);
    return m < k
        ? sha256(new byte[] {1}, fold(m, k, leafHash, rest), sibling)
        : sha256(new byte[] {1}, sibling, fold(m - k, n - k, leafHash, rest));
  }

  static List<byte[]> hashes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
    return out;
  }

  @Test
  void servedProofsVerifyWithAnIndependentRfc6962Verifier() throws Exception {
    JsonNode head = get("/v1/log/head");
    int n = head.get("tree_size").asInt();
    byte[] root = Base64.getDecoder().decode(head.get("sha256_root_hash").asText());
    List<byte[]> leaves = new ArrayList<>();
    while (leaves.size() < n) {
      JsonNode page = get("/v1/log/entries?start=" + leaves.size() + "&end=" + (n - 1));
      page.get("entries")
          .forEach(e -> leaves.add(Base64.getDecoder().decode(e.get("leaf_input").asText())));
    }
    assertThat(mth(leaves)).as("MTH of the served entries is the signed root").isEqualTo(root);

    // Inclusion, by leaf hash (RFC 6962 §4.5), of an entry near the middle.
    int m = n / 2 + 1;
    byte[] leafHash = sha256(new byte[] {0}, leaves.get(m));
    JsonNode inc =
        get(
            "/v1/log/proof/inclusion?hash="
                + URLEncoder.encode(
                    Base64.getEncoder().encodeToString(leafHash), StandardCharsets.UTF_8)
                + "&size="
                + n);
    assertThat(inc.get("leaf_index").asInt()).isEqualTo(m);
    List<byte[]> audit = hashes(inc.get("audit_path"));
    assertThat(audit)
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(path(m, leaves));
    assertThat(fold(m, n, leafHash, audit)).isEqualTo(root);
    // A wrong leaf does not fold to the root.
    byte[] wrong = leafHash.clone();
    wrong[0] ^= 1;
    assertThat(fold(m, n, wrong, audit)).isNotEqualTo(root);

    // Consistency between an earlier size and the head (RFC 6962 §4.4, §2.1.2).
    int first = n / 3;
    JsonNode cons = get("/v1/log/proof/consistency?first=" + first + "&second=" + n);
    assertThat(hashes(cons.get("consistency")))
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(subproof(first, leaves, true));

    // Bad ranges get a 4xx with a reason.
    assertThat(status("/v1/log/entries?start=5&end=2")).isEqualTo(400);
    assertThat(status("/v1/log/entries?start=0&end=" + (n + 10))).isEqualTo(400);
    assertThat(status("/v1/log/proof/consistency?first=" + (n + 1) + "&second=" + n))
        .isEqualTo(400);
    assertThat(status("/v1/log/proof/inclusion?index=" + n + "&size=" + n)).isEqualTo(400);
    assertThat(status("/v1/log/proof/inclusion?index=x&size=" + n)).isEqualTo(400);
    assertThat(status("/v1/log/entries?start=0&end=" + (n - 1) + "0")).isEqualTo(400);
  }
}
