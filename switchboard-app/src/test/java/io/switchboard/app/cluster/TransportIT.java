package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node process on each transport of {@code server.transport} (issue 13 point 2), set through
 * {@code SWITCHBOARD_SERVER_TRANSPORT}: a WebSocket round trip ({@code welcome}, {@code join},
 * {@code publish} → {@code ack} and {@code event} to both members), and the node reports the
 * transport asked for in its listening line and in {@code switchboard_transport{transport}}, with
 * no fallback warning. For io_uring the kernel confirms it: the process holds an io_uring instance
 * ({@code anon_inode:[io_uring]} in {@code /proc/<pid>/fd}), which the epoll and NIO nodes do not.
 * This machine's kernel has io_uring and epoll, so an unavailable one fails the test.
 */
class TransportIT {
  private static final String SECRET = "transport-secret-0123456789-abcdefghij";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static JWTAuth jwt;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
  }

  @AfterAll
  static void stop() {
    Cluster.await(vertx.close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"io_uring", "epoll", "nio"})
  void aNodeOnEachTransportServesWebSocketsAndSaysWhichItRuns(String transport) throws Exception {
    try (NodeProcess node =
        NodeProcess.start(
            "transport-" + transport.replace('_', '-'),
            "auth: {hmacSecret: \"" + SECRET + "\"}\n",
            Map.of("SWITCHBOARD_SERVER_TRANSPORT", transport))) {
      try (WsClient alice = connect(node, "alice");
          WsClient bob = connect(node, "bob")) {
        alice.join("chat:transport");
        bob.join("chat:transport");
        alice.publish("chat:transport", 1, 42);
        // the publisher's ack and its own event may come in either order
        assertThat(frame(alice, "ack").getLong("offset")).isEqualTo(1);
        for (WsClient c : List.of(alice, bob)) {
          JsonObject event = frame(c, "event");
          assertThat(event.getString("room")).isEqualTo("chat:transport");
          assertThat(event.getInteger("data")).isEqualTo(42);
          assertThat(event.getString("from")).isEqualTo("alice");
        }
      }
      List<String> log = node.logLines();
      assertThat(log)
          .as("no fallback: %s", node.logTail())
          .noneMatch(l -> l.contains("server.transport"))
          .anyMatch(l -> l.contains("with 1 event loops (" + transport + ")"))
          .anyMatch(l -> l.contains(", " + transport + " transport)"));
      assertThat(node.metrics())
          .contains("switchboard_transport{transport=\"" + transport + "\"} 1");
      assertThat(holdsIoUring(node.pid()))
          .as("an io_uring instance in /proc/%s/fd", node.pid())
          .isEqualTo(transport.equals("io_uring"));
    }
  }

  private static WsClient connect(NodeProcess node, String user) {
    String token =
        jwt.generateToken(
            new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(600));
    WsClient c = WsClient.connect(vertx, node.port, token);
    assertThat(c.skipTo("welcome").getJsonObject("data").getString("node")).isEqualTo(node.id);
    return c;
  }

  /** The first frame of {@code type} the client received, waiting up to 10 s for it. */
  private static JsonObject frame(WsClient c, String type) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                c.received().stream()
                    .filter(f -> type.equals(f.getString("type")))
                    .findFirst()
                    .orElse(null),
            f -> f != null);
  }

  /** Whether the process has a file descriptor on an io_uring instance. */
  private static boolean holdsIoUring(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.anyMatch(
          fd -> {
            try {
              return Files.readSymbolicLink(fd).toString().equals("anon_inode:[io_uring]");
            } catch (IOException e) {
              return false; // closed meanwhile
            }
          });
    }
  }
}
