package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP rate limits shared across two node processes on the real Redis (SPEC C5; issue 11 points 2
 * and 5, "rate limits across two nodes"), configured through the documented environment names: a
 * client that alternates between the nodes gets one burst in all, not one per node, both as an
 * anonymous address and as a signed-in user.
 */
class RateLimitClusterIT {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static Cluster cluster;

  @BeforeAll
  static void start() {
    cluster = Cluster.start(0);
    Map<String, String> env =
        Map.of(
            "SWITCHBOARD_RATE_LIMITS_IP_PER_SECOND", "1",
            "SWITCHBOARD_RATE_LIMITS_IP_BURST", "4",
            "SWITCHBOARD_RATE_LIMITS_USER_PER_SECOND", "1",
            "SWITCHBOARD_RATE_LIMITS_USER_BURST", "4");
    cluster.addNode("node-a", env);
    cluster.addNode("node-b", env);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void anAddressGetsOneBurstAcrossBothNodes() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(
          send(HttpRequest.newBuilder(uri(i % 2, "/api/v1/auth/validate"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")))
              .statusCode());
    }
    assertThat(statuses.subList(0, 4))
        .as("the burst of 4, over both nodes, each body read after the Redis round trip")
        .containsOnly(401);
    assertThat(statuses.get(4)).as("the fifth, on node a").isEqualTo(429);
    HttpResponse<String> other =
        send(
            HttpRequest.newBuilder(uri(1, "/api/v1/auth/validate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")));
    assertThat(other.statusCode()).as("node b agrees").isEqualTo(429);
    assertThat(other.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void aUserGetsOneBurstAcrossBothNodes() throws Exception {
    String token = cluster.token("rate-user");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(
          send(HttpRequest.newBuilder(uri(i % 2, "/api/v1/workflow/list"))
                  .header("Authorization", "Bearer " + token)
                  .GET())
              .statusCode());
    }
    assertThat(statuses.subList(0, 4)).containsOnly(200);
    assertThat(statuses.subList(4, 6)).containsOnly(429);
    String another = cluster.token("another-user");
    assertThat(
            send(HttpRequest.newBuilder(uri(1, "/api/v1/workflow/list"))
                    .header("Authorization", "Bearer " + another)
                    .GET())
                .statusCode())
        .as("another user has a bucket of its own")
        .isEqualTo(200);
  }

  private static URI uri(int node, String path) {
    return URI.create("http://127.0.0.1:" + cluster.node(node).port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
