package dev.proofofcompute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiIT {
  @TempDir Path dir;

  @Test
  void theDocumentListsExactlyTheRoutesTheServerServes() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, 1, 1 << 20)) {
      CoordinatorClient anon = f.client(f.identity("anyone"));
      CoordinatorClient.Response r = anon.unsigned("GET", "/openapi");
      assertThat(r.status()).isEqualTo(200);
      JsonNode doc = r.json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      List<String> documented = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> path = it.next();
        for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
          documented.add(m.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
      documented.sort(null);
      assertThat(documented).isEqualTo(f.coordinator.routes());
      assertThat(documented).hasSizeGreaterThan(20);
    }
  }

  @Test
  void healthAndMetricsAnswerWithoutASignature() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, 2, 1 << 20)) {
      CoordinatorClient anon = f.client(f.identity("anyone"));
      JsonNode health = anon.health();
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("storage").asText()).contains("sqlite");
      anon.unsigned("GET", "/v1/nodes/" + anon.nodeId().toHex());
      CoordinatorClient.Response m = anon.unsigned("GET", "/metrics");
      assertThat(m.status()).isEqualTo(200);
      String text = new String(m.body().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("poc_http_requests_seconds_count").contains("route=\"/health\"");
      assertThat(text)
          .containsPattern("poc_storage_transactions_total [1-9]")
          .contains("poc_storage_transaction_seconds_total");
    }
  }
}
