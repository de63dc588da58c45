package io.switchboard.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tunnel agent as its own operating-system process: {@code java io.switchboard.app.Main agent
 * …} on the test classpath, exactly what {@code switchboard.jar agent} runs (SPEC C4). The token
 * goes in {@code SWITCHBOARD_AGENT_TOKEN}, as docs/agent.md recommends. Output goes to {@code
 * target/cluster/agent-<id>.log}.
 */
final class AgentProcess implements AutoCloseable {
  final String id;
  private final Process process;

  private AgentProcess(String id, Process process) {
    this.id = id;
    this.process = process;
  }

  /** Starts an agent of {@code project} on node {@code port} with {@code routes}. */
  static AgentProcess start(String id, int port, String project, String token, String... routes) {
    try {
      Path dir = Path.of("target", "cluster");
      Files.createDirectories(dir);
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx128m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  classpath,
                  "io.switchboard.app.Main",
                  "agent",
                  "--gateway",
                  "ws://127.0.0.1:" + port,
                  "--project",
                  project,
                  "--connection-id",
                  id,
                  "--max-in-flight",
                  "1000",
                  "--backoff-max",
                  "1s"));
      for (String r : routes) {
        command.add("--route");
        command.add(r);
      }
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("agent-" + id + ".log").toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
      pb.environment().put("SWITCHBOARD_AGENT_TOKEN", token);
      Process process = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new AgentProcess(id, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the agent with SIGKILL: its connection drops without a close frame. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
