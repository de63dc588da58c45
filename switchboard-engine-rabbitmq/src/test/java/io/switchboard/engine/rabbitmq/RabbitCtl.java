package io.switchboard.engine.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: runs {@code rabbitmqctl} (the local node; we run as root) to act as the broker. */
final class RabbitCtl {
  private RabbitCtl() {}

  /**
   * Closes, from the broker side, every connection whose client-provided name is {@code name}.
   *
   * @return how many connections were closed
   * @throws IllegalStateException if rabbitmqctl fails or times out (30 s)
   */
  static int closeConnections(String name) throws IOException, InterruptedException {
    String listing =
        run(
            "rabbitmqctl",
            "-q",
            "list_connections",
            "--no-table-headers",
            "pid",
            "client_properties");
    int closed = 0;
    for (String line : listing.split("\n")) {
      if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
        run(
            "rabbitmqctl",
            "-q",
            "close_connection",
            line.split("\t")[0].trim(),
            "switchboard recovery test");
        closed++;
      }
    }
    return closed;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
