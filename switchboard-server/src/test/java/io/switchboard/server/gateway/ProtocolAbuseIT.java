package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.internal.PlatformDependent;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs {@link FuzzIT} found mishandled, one test each (issue 7 part 2): numbers a double cannot
 * hold, frames that break RFC 6455, and pings from a client that does not read.
 */
class ProtocolAbuseIT {
  static TestNode node;

  @BeforeAll
  static void start() {
    // no rate limit here: the ping flood below must reach the pong path, not the rate limiter
    ClientConfig d = ClientConfig.DEFAULT;
    node = TestNode.start(c -> c.withClient(d.withRate(10_000_000, 10_000_000)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static RawWebSocket welcomed(String user) {
    RawWebSocket raw = RawWebSocket.connect(node, "/ws?token=" + node.token(user));
    await().atMost(Duration.ofSeconds(5)).until(() -> raw.texts.size() == 1);
    return raw;
  }

  /**
   * {@code 1e400} parses to an infinite double, which JSON cannot carry: bad_request, never {@code
   * Infinity}.
   */
  @Test
  void numbersBeyondADoubleAreBadRequestAndNeverReachTheWireAsInfinity() {
    try (TestClient member = node.connect("bob");
        RawWebSocket raw = welcomed("mallory")) {
      member.join("chat:infinity");
      raw.sendText("{\"type\":\"ping\",\"id\":1e400}");
      raw.sendText(
          "{\"type\":\"publish\",\"id\":2,\"room\":\"chat:infinity\",\"event\":\"e\",\"data\":-1e400}");
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.texts.size() == 3);
      JsonObject ping =
          new JsonObject(raw.texts.get(1)); // Vert.x refuses Infinity, as JSON.parse does
      assertThat(ping.getString("code")).isEqualTo("bad_request");
      assertThat(ping.containsKey("id")).isFalse();
      JsonObject publish = new JsonObject(raw.texts.get(2));
      assertThat(publish.getString("code")).isEqualTo("bad_request");
      assertThat(publish.getInteger("id")).isEqualTo(2);
      assertThat(publish.getString("message")).contains("data");
      member.assertAlive();
      assertThat(member.pending()).isZero();
      assertThat(TestNode.await(node.ports.history().read("chat:infinity", 0)).position().offset())
          .isZero();
    }
  }

  /**
   * RFC 6455 §7.1.7: a connection failed for a broken frame is closed with a close frame saying
   * why.
   */
  @Test
  void aFrameThatBreaksTheProtocolIsAnsweredWithCloseCode1002Or1007() {
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, Buffer> broken =
        Map.of(
            "reserved opcode", FuzzWire.frame(true, 0, 0x3, ping, 7),
            "RSV1 without an extension", FuzzWire.frame(true, 4, FuzzWire.TEXT, ping, 7),
            "not masked", FuzzWire.frame(true, 0, FuzzWire.TEXT, ping, null),
            "control frame over 125 bytes",
                FuzzWire.frame(true, 0, FuzzWire.PING, new byte[126], 7),
            "continuation of nothing", FuzzWire.frame(true, 0, FuzzWire.CONTINUATION, ping, 7),
            "close code 999",
                FuzzWire.frame(true, 0, FuzzWire.CLOSE, FuzzWire.closePayload(999, new byte[0]), 7),
            "close code 12944 (Netty lets codes over 4999 through)",
                FuzzWire.frame(
                    true, 0, FuzzWire.CLOSE, FuzzWire.closePayload(12944, new byte[0]), 7));
    try (TestClient other = node.connect("bob")) {
      for (Map.Entry<String, Buffer> frame : broken.entrySet()) {
        try (RawWebSocket raw = welcomed("mallory")) {
          raw.sendBytes(frame.getValue());
          await().atMost(Duration.ofSeconds(5)).until(() -> raw.tcpClosed);
          assertThat(raw.closeCode)
              .as("close code for a frame with %s", frame.getKey())
              .isEqualTo(1002);
        }
      }
      try (RawWebSocket raw = welcomed("mallory")) {
        raw.sendBytes(
            FuzzWire.frame(
                true,
                0,
                FuzzWire.CLOSE,
                FuzzWire.closePayload(1000, new byte[] {(byte) 0xC3, 0x28}),
                7));
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.tcpClosed);
        assertThat(raw.closeCode).as("close reason not UTF-8").isEqualTo(1007);
      }
      other.assertAlive();
    }
  }

  /**
   * A client that sends pings and never reads must not make the node buffer pongs without bound:
   * after 8 MiB of pings, 64 MiB more leave the node's direct memory (where Netty queues unwritten
   * frames) within 24 MiB of where it was (buffer pools of other event loops may still fill up;
   * answering every ping grew it by more than was sent), and the connection still answers once the
   * client reads.
   */
  @Test
  void pingsFromAClientThatDoesNotReadDoNotPileUpOnTheNode() throws Exception {
    Vertx clientVertx = Vertx.vertx();
    NetClient tcp = clientVertx.createNetClient();
    try {
      NetSocket socket = TestNode.await(tcp.connect(node.port(), "127.0.0.1"));
      StringBuffer received =
          new StringBuffer(); // ISO-8859-1 text of what arrived, not the pongs' zeros
      socket.handler(
          b -> received.append(b.toString(StandardCharsets.ISO_8859_1).replace("\0", "")));
      TestNode.await(
          socket.write(
              "GET /ws?token="
                  + node.token("flooder")
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\n\r\n"));
      await().atMost(Duration.ofSeconds(5)).until(() -> received.toString().contains("welcome"));
      socket.pause();
      Buffer pings = Buffer.buffer();
      for (int i = 0; i < 1024; i++) {
        pings.appendBuffer(FuzzWire.frame(true, 0, FuzzWire.PING, new byte[125], 0));
      }
      for (int i = 0; i < 64; i++) { // 8 MiB first: the buffer pools of every event loop fill up
        TestNode.await(socket.write(pings));
      }
      long before = PlatformDependent.usedDirectMemory();
      assertThat(before).as("Netty counts its direct memory").isPositive();
      long peak = before;
      for (int i = 0; i < 512; i++) { // 512 × 1024 pings of 131 bytes: 64 MiB more
        TestNode.await(socket.write(pings));
        peak = Math.max(peak, PlatformDependent.usedDirectMemory());
      }
      assertThat(peak - before)
          .as("direct memory grown while the client did not read")
          .isLessThan(24L << 20);
      socket.resume();
      socket.write(
          FuzzWire.frame(
              true,
              0,
              FuzzWire.TEXT,
              "{\"type\":\"ping\",\"id\":\"after\"}".getBytes(StandardCharsets.UTF_8),
              0));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> received.indexOf("{\"type\":\"pong\",\"id\":\"after\"}") >= 0);
    } finally {
      TestNode.await(clientVertx.close());
    }
  }
}
