package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written WebSocket client over a raw TCP socket for {@link FuzzIT}: it sends any bytes it
 * is given, and reads the server strictly. Every server frame must be final, unmasked, without RSV
 * bits, of opcode text, close, ping or pong; every text frame passes the {@link FuzzOracle};
 * replies are queued for the driver (bounded), broadcasts counted. Pings are answered, and a close
 * frame from the server is echoed (RFC 6455 §5.5.1).
 */
final class FuzzSocket {
  private static final int QUEUE = 8_192;

  /** Stands for a reply that failed the oracle. */
  static final JsonNode INVALID =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
          .objectNode()
          .put("type", "invalid");

  private static final java.util.regex.Pattern REPLY =
      java.util.regex.Pattern.compile(
          "\\{\"type\":\"(ack|error|pong|left|joined|presence\",\"id)\"");
  private final FuzzOracle oracle;
  private final String name;
  private NetSocket socket;
  private Buffer in = Buffer.buffer();
  private boolean upgraded;
  private volatile boolean closeSent;

  /** The first text frame (welcome, or the unauthorized error). */
  final CompletableFuture<JsonNode> first = new CompletableFuture<>();

  /** The code of the server's close frame (1005 for an empty one), once received. */
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

  /** Completes when the TCP connection is closed. */
  final CompletableFuture<Void> tcpClosed = new CompletableFuture<>();

  /** Replies (see {@link FuzzOracle#isReply}) in arrival order. */
  final BlockingQueue<JsonNode> replies = new ArrayBlockingQueue<>(QUEUE);

  /** Payloads of the pong frames received, in order (dropped beyond the bound, counted). */
  final BlockingQueue<Buffer> pongs = new ArrayBlockingQueue<>(QUEUE);

  final AtomicLong broadcasts = new AtomicLong();
  final AtomicInteger rateLimited = new AtomicInteger();
  volatile String status;

  private FuzzSocket(FuzzOracle oracle, String name) {
    this.oracle = oracle;
    this.name = name;
  }

  /**
   * Connects to {@code 127.0.0.1:port} and sends the upgrade for {@code path} followed at once by
   * {@code pipelined} (may be empty). Does not wait for the answer: see {@link #first}.
   */
  static FuzzSocket connect(
      Vertx vertx,
      NetClient tcp,
      int port,
      String path,
      FuzzOracle oracle,
      String name,
      Buffer pipelined)
      throws Exception {
    FuzzSocket s = new FuzzSocket(oracle, name);
    NetSocket socket =
        tcp.connect(port, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    s.socket = socket;
    socket.handler(s::received);
    socket.closeHandler(v -> s.tcpClosed.complete(null));
    socket.exceptionHandler(e -> {});
    socket.write(
        Buffer.buffer(
                "GET "
                    + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
            .appendBuffer(pipelined));
    return s;
  }

  /** Writes bytes, waiting up to 10 s for them to reach the socket (false when it is closed). */
  boolean send(Buffer bytes) {
    if (tcpClosed.isDone()) {
      return false;
    }
    try {
      socket.write(bytes).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  void pause() {
    socket.pause();
  }

  void resume() {
    socket.resume();
  }

  /** Sends a masked close frame (once) and lets the server end the TCP connection. */
  void sendClose(byte[] payload) {
    closeSent = true;
    socket.write(FuzzWire.frame(true, 0, FuzzWire.CLOSE, payload, 0x5a5a5a5a));
  }

  /** Drops the TCP connection. */
  void abort() {
    socket.close();
  }

  private void received(Buffer data) {
    in.appendBuffer(data);
    if (!upgraded) {
      String head = in.toString(StandardCharsets.ISO_8859_1);
      int end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      status = head.substring(0, head.indexOf("\r\n"));
      in = in.getBuffer(end + 4, in.length());
      upgraded = true;
      if (!status.contains(" 101 ")) {
        oracle.violation(name, "upgrade refused: " + status);
      }
    }
    int pos = 0;
    while (in.length() - pos >= 2) {
      int b0 = in.getUnsignedByte(pos);
      int b1 = in.getUnsignedByte(pos + 1);
      long length = b1 & 0x7F;
      int header = 2;
      if (length == 126) {
        if (in.length() - pos < 4) {
          break;
        }
        length = in.getUnsignedShort(pos + 2);
        header = 4;
      } else if (length == 127) {
        if (in.length() - pos < 10) {
          break;
        }
        length = in.getLong(pos + 2);
        header = 10;
      }
      if ((b1 & 0x80) != 0
          || (b0 & 0x70) != 0
          || (b0 & 0x80) == 0
          || length < 0
          || length > 64 << 20) {
        oracle.violation(
            name,
            String.format("malformed server frame header %02x %02x length %d", b0, b1, length));
        socket.close();
        in = Buffer.buffer();
        return;
      }
      if (in.length() - pos - header < length) {
        break;
      }
      frame(b0 & 0x0F, in.getBuffer(pos + header, pos + header + (int) length));
      pos += header + (int) length;
    }
    in = pos == 0 ? in : in.getBuffer(pos, in.length());
  }

  private void frame(int opcode, Buffer payload) {
    switch (opcode) {
      case FuzzWire.TEXT -> text(payload.toString(StandardCharsets.UTF_8));
      case FuzzWire.PING -> {
        if (!closeSent) {
          socket.write(FuzzWire.frame(true, 0, FuzzWire.PONG, payload.getBytes(), 0x12345678));
        }
      }
      case FuzzWire.PONG -> pongs.offer(payload);
      case FuzzWire.CLOSE -> {
        int code = payload.length() >= 2 ? payload.getUnsignedShort(0) : 1005;
        if (payload.length() == 1 || closeCode.isDone()) {
          oracle.violation(name, "malformed or second close frame " + payload);
        }
        closeCode.complete(code);
        if (!closeSent) {
          sendClose(payload.length() >= 2 ? FuzzWire.closePayload(code, new byte[0]) : new byte[0]);
        }
      }
      default -> oracle.violation(name, "server sent opcode " + opcode);
    }
  }

  private void text(String text) {
    if (closeCode.isDone()) {
      oracle.violation(name, "text frame after the close frame: " + FuzzOracle.cut(text));
    }
    JsonNode f = oracle.check(name, text);
    if (f == null) {
      if (first.isDone() && REPLY.matcher(text).lookingAt()) {
        replies.offer(INVALID); // already a violation; the driver need not wait for it
      }
      return;
    }
    if (!first.isDone()) {
      first.complete(f);
      return;
    }
    if ("welcome".equals(f.get("type").asText())) {
      oracle.violation(name, "second welcome");
    } else if (FuzzOracle.isReply(f)) {
      if ("rate_limited".equals(f.path("code").asText())) {
        rateLimited.incrementAndGet();
      }
      if (!replies.offer(f)) {
        oracle.violation(name, "more than " + QUEUE + " replies not taken");
      }
    } else {
      broadcasts.incrementAndGet();
    }
  }
}
