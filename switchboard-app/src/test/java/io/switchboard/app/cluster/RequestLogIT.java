package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request ids in the log lines of their request, in text and in JSON logs, on node processes
 * configured through the documented names {@code SWITCHBOARD_LOG_FORMAT} and {@code
 * SWITCHBOARD_LOG_ACCESS} (SPEC C5; issue 11 point 2: "request ids ... present in every log line of
 * the request", "structured JSON logs as an option").
 */
class RequestLogIT {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static Cluster cluster;
  static NodeProcess text;
  static NodeProcess json;

  @BeforeAll
  static void start() {
    cluster = Cluster.start(0);
    text = cluster.addNode("node-text", Map.of("SWITCHBOARD_LOG_ACCESS", "true"));
    json =
        cluster.addNode(
            "node-json",
            Map.of("SWITCHBOARD_LOG_ACCESS", "true", "SWITCHBOARD_LOG_FORMAT", "json"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aTextLineOfARequestCarriesItsGivenId() throws Exception {
    get(text, "/api/v1/workflow/list", "trace-text-1");
    String line =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> find(text.logLines(), "trace-text-1"), l -> l != null);
    assertThat(line).contains("[trace-text-1]").contains("GET /api/v1/workflow/list 401");
  }

  @Test
  void everyJsonLineIsAnObjectAndARequestsLineHasItsGeneratedId() throws Exception {
    HttpResponse<String> r = get(json, "/health", null);
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    String line =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> find(json.logLines(), id), l -> l != null);
    JsonObject event = new JsonObject(line);
    assertThat(event.getJsonObject("mdc").getString("requestId")).isEqualTo(id);
    assertThat(event.getString("formattedMessage")).startsWith("GET /health 200");
    assertThat(event.getString("level")).isEqualTo("INFO");
    List<String> lines = json.logLines().stream().filter(l -> l.startsWith("{")).toList();
    assertThat(lines).as("the node's own lines are JSON too").hasSizeGreaterThan(2);
    for (String l : lines) {
      assertThat(new JsonObject(l).getString("loggerName")).isNotBlank();
    }
  }

  private static HttpResponse<String> get(NodeProcess node, String path, String id)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + path)).GET();
    if (id != null) {
      b.header("X-Request-Id", id);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String find(List<String> lines, String id) {
    return lines.stream().filter(l -> l.contains(id)).findFirst().orElse(null);
  }
}
