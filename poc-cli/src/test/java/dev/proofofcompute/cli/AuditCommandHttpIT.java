package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc audit --coordinator} against a real socket: a minimal server in this test serves the
 * {@link AuditedLog} database with exactly the JSON shapes of docs/translog.md ("HTTP endpoints"),
 * so that the client and the documented contract are checked together. The coordinator's own
 * endpoints must match these shapes.
 */
class AuditCommandHttpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  @TempDir Path dir;
  AuditedLog log;
  Storage storage;
  TransparencyLog tlog;
  HttpServer server;

  /** Entry bytes the server serves instead of the stored ones (a lying coordinator). */
  final Map<Long, Bytes> lies = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    log = AuditedLog.build(dir);
    storage = Storages.open(log.url());
    tlog = TransparencyLog.open(new TransactionalLogStore(storage));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    storage.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      ObjectNode o = JSON.createObjectNode();
      switch (ex.getRequestURI().getPath()) {
        case "/v1/log/head" -> {
          SignedTreeHead h = tlog.latestTreeHead().orElseThrow();
          o.put("tree_size", h.treeSize());
          o.put("timestamp", h.timestamp().toEpochMilli());
          o.put("sha256_root_hash", b64(h.rootHash().toBytes()));
          o.put("key_id", b64(h.keyId().digest().toBytes()));
          o.put("tree_head_signature", b64(h.signature().bytes()));
        }
        case "/v1/log/entries" -> {
          long start = Long.parseLong(q.get("start"));
          long end = Long.parseLong(q.get("end")); // inclusive
          ArrayNode a = o.putArray("entries");
          List<Bytes> entries = tlog.entryBytes(start, end + 1);
          for (int i = 0; i < entries.size(); i++) {
            Bytes e = lies.getOrDefault(start + i, entries.get(i));
            a.addObject().put("leaf_input", b64(e));
          }
        }
        case "/v1/log/proof/inclusion" -> {
          long size = Long.parseLong(q.get("size"));
          InclusionProof p;
          if (q.containsKey("hash")) {
            Optional<InclusionProof> found =
                tlog.inclusionProofByHash(
                    Digest.of(Bytes.of(Base64.getDecoder().decode(q.get("hash")))), size);
            if (found.isEmpty()) {
              send(ex, 404, "{\"error\":\"no such leaf\"}");
              return;
            }
            p = found.get();
          } else {
            p = tlog.inclusionProof(Long.parseLong(q.get("index")), size);
          }
          o.put("leaf_index", p.leafIndex());
          ArrayNode a = o.putArray("audit_path");
          p.path().forEach(d -> a.add(b64(d.toBytes())));
        }
        case "/v1/log/proof/consistency" -> {
          var p =
              tlog.consistencyProof(
                  Long.parseLong(q.get("first")), Long.parseLong(q.get("second")));
          ArrayNode a = o.putArray("consistency");
          p.path().forEach(d -> a.add(b64(d.toBytes())));
        }
        case "/v1/ledger/balances" -> {
          storage.run(tx -> {
            o.put("tree_size", tx.log().sizeHoldingAppends());
            ArrayNode a = o.putArray("balances");
            tx.ledger()
                .balances()
                .forEach((k, v) -> a.addObject().put("account", k.value()).put("micros", v));
          });
        }
        default -> {
          send(ex, 404, "{}");
          return;
        }
      }
      send(ex, 200, JSON.writeValueAsString(o));
    } catch (RuntimeException e) {
      send(ex, 400, JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&", -1)) {
        int eq = kv.indexOf('=');
        q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static String b64(Bytes b) {
    return B64.encodeToString(b.toByteArray());
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (var out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private Run audit(String... more) {
    String[] base = {
      "audit",
      "--coordinator",
      url(),
      "--coordinator-key",
      log.coordinatorKey.toString(),
      "--seed",
      "3"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return TourCommandTest.run(all);
  }

  @Test
  void anHonestCoordinatorPasses() {
    Run r = audit();
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS: " + AuditedLog.SIZE + " entries audited");
  }

  @Test
  void aCoordinatorServingAnEditedOrSwappedEntryIsCaught() throws Exception {
    lies.put(4L, tlog.entryBytes(7, 8).get(0));
    lies.put(7L, tlog.entryBytes(4, 5).get(0));
    Run r = audit();
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("REORDERED at entry 4: entries 4 and 7");
  }

  @Test
  void anUnreachableCoordinatorFailsWithOneLine() {
    server.stop(0);
    Run r = audit();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("FAIL: cannot read the log of " + url());
  }
}
