package io.switchboard.engine.redis;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Redis that answers only what a client needs to connect ({@code HELLO} refused, so RESP2; {@code
 * PING}, {@code CLIENT}, {@code SELECT}) and never answers anything else: a Redis that hangs,
 * without touching the shared server (issue 7 point 5). Records every command name.
 */
final class FakeRedis implements AutoCloseable {
  private final NetServer server;

  /** The names of the commands received, upper case, in order. */
  final List<String> commands = new CopyOnWriteArrayList<>();

  private FakeRedis(NetServer server) {
    this.server = server;
  }

  /** Listens on a free port of 127.0.0.1. */
  static FakeRedis start(Vertx vertx) {
    NetServer server = vertx.createNetServer();
    FakeRedis fake = new FakeRedis(server);
    server.connectHandler(fake::serve);
    RedisTestSupport.join(server.listen(0, "127.0.0.1"));
    return fake;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  String url() {
    return "redis://127.0.0.1:" + server.actualPort();
  }

  private void serve(NetSocket socket) {
    Buffer[] pending = {Buffer.buffer()};
    socket.handler(
        data -> {
          pending[0].appendBuffer(data);
          List<String> command;
          while ((command = next(pending)) != null) {
            String name = command.get(0).toUpperCase(Locale.ROOT);
            commands.add(name);
            switch (name) {
              case "PING" -> socket.write("+PONG\r\n");
              case "HELLO" -> socket.write("-ERR unknown command 'HELLO'\r\n");
              case "CLIENT" -> socket.write(":1\r\n");
              case "SELECT" -> socket.write("+OK\r\n");
              default -> {} // never answered
            }
          }
        });
  }

  /** Takes one complete RESP array of bulk strings off the front of {@code pending}, or null. */
  private static List<String> next(Buffer[] pending) {
    String text = pending[0].toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("*")) {
      return null;
    }
    int eol = text.indexOf("\r\n");
    if (eol < 0) {
      return null;
    }
    int n = Integer.parseInt(text.substring(1, eol));
    int pos = eol + 2;
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int lineEnd = text.indexOf("\r\n", pos);
      if (lineEnd < 0) {
        return null;
      }
      int len = Integer.parseInt(text.substring(pos + 1, lineEnd));
      if (text.length() < lineEnd + 2 + len + 2) {
        return null;
      }
      args.add(text.substring(lineEnd + 2, lineEnd + 2 + len));
      pos = lineEnd + 2 + len + 2;
    }
    pending[0] = pending[0].getBuffer(pos, pending[0].length());
    return args;
  }

  @Override
  public void close() {
    RedisTestSupport.join(server.close());
  }
}
