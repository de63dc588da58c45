package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentMainTest {
  private static final Map<String, String> ENV =
      Map.of(
          "SWITCHBOARD_AGENT_GATEWAY", "wss://sb.example.com/base/",
          "SWITCHBOARD_AGENT_PROJECT", "p 1",
          "SWITCHBOARD_AGENT_TOKEN", "tok-secret",
          "SWITCHBOARD_AGENT_ROUTES",
              "echo=POST:http://127.0.0.1:8080/echo, *=http://127.0.0.1:8080",
          "SWITCHBOARD_AGENT_IDLE_TIMEOUT", "30s",
          "SWITCHBOARD_AGENT_MAX_BODY_BYTES", "2MiB");
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new AgentMain(env));
    cli.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void optionsComeFromTheEnvironmentThenTheDefaults() {
    AgentMain main = new AgentMain(ENV);
    new CommandLine(main).parseArgs("--max-in-flight", "8", "--backoff-max", "PT5S");
    AgentOptions o = main.options();
    assertThat(o.endpoint()).isEqualTo("wss://sb.example.com/base/event/ws?project_id=p+1");
    assertThat(o.routes().all()).hasSize(2);
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(o.maxInFlight()).isEqualTo(8);
    assertThat(o.backoffMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.backoffInitial()).isEqualTo(AgentOptions.DEFAULT_BACKOFF_INITIAL);
    assertThat(o.upstreamTimeout()).isEqualTo(AgentOptions.DEFAULT_UPSTREAM_TIMEOUT);
    assertThat(o.connectionId()).hasSize(36);
    assertThat(o.toString()).doesNotContain("tok-secret").contains("token=***");
  }

  @Test
  void commandLineRoutesReplaceTheEnvironmentsAndHttpGatewaysBecomeWs() {
    AgentMain main = new AgentMain(ENV);
    new CommandLine(main)
        .parseArgs(
            "--gateway", "http://127.0.0.1:8080", "--route", "a=http://x", "--connection-id", "c1");
    AgentOptions o = main.options();
    assertThat(o.endpoint()).isEqualTo("ws://127.0.0.1:8080/event/ws?project_id=p+1");
    assertThat(o.routes().all()).extracting(r -> r.type()).containsExactly("a");
    assertThat(o.connectionId()).isEqualTo("c1");
  }

  @Test
  void missingOrMalformedOptionsExit2() {
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(err.toString()).contains("--gateway: is not set");
    assertThat(run(Map.of(), "--gateway", "ws://x", "--project", "p", "--route", "a=http://x"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--token: is not set");
    assertThat(run(Map.of(), "--gateway", "ws://x", "--project", "p", "--token", "t")).isEqualTo(2);
    assertThat(err.toString()).contains("--route: is not set");
    assertThat(run(ENV, "--idle-timeout", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--idle-timeout: \"soon\" is not a duration");
    assertThat(run(ENV, "--gateway", "ftp://x")).isEqualTo(2);
    assertThat(err.toString()).contains("--gateway: ftp://x (allowed: ws://");
    assertThat(run(ENV, "--route", "bad")).isEqualTo(2);
    assertThat(err.toString()).contains("route \"bad\"");
    assertThat(run(ENV, "--max-in-flight", "0")).isEqualTo(2);
    assertThat(run(ENV, "--max-body-bytes", "lots")).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("tok-secret");
  }
}
