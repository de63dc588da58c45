package io.switchboard.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.EdgeConfig;
import io.switchboard.server.config.LogConfig;
import io.switchboard.server.config.RateLimitConfig;
import io.switchboard.server.config.SwitchboardConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code edge.*} rules (SPEC C5; issue 11 point 1) and their environment variables. */
class EdgeRulesTest {
  private static List<String> errors(String yaml) {
    return RuleErrors.of(yaml);
  }

  @Test
  void theDefaultsAreValid() {
    assertThat(errors("")).isEmpty();
    assertThat(SwitchboardConfig.DEFAULT.edge()).isEqualTo(EdgeConfig.DEFAULT);
  }

  @Test
  void everyRuleNamesItsKey() {
    assertThat(
            errors(
                "edge: {issuer: '', accessTtl: 2d, argon2MemoryKib: 7, argon2Iterations: 0,"
                    + " argon2Parallelism: 0, loginFailuresPerAccount: 0, loginFailuresPerIp: 0}\n"))
        .containsExactly(
            "edge.issuer: is empty or too long (allowed: 1 to 200 characters, the iss of the tokens)",
            "edge.accessTtl: 48h is out of range (allowed: 1s to 24h; access tokens are meant to be short-lived)",
            "edge.argon2Parallelism: 0 is out of range (allowed: 1..255)",
            "edge.argon2MemoryKib: 7 is out of range (allowed: 8 x edge.argon2Parallelism..1048576 (KiB))",
            "edge.argon2Iterations: 0 is out of range (allowed: 1..100)",
            "edge.loginFailuresPerAccount: 0 is too small (allowed: 1 or more)",
            "edge.loginFailuresPerIp: 0 is too small (allowed: 1 or more)");
    assertThat(errors("edge: {argon2MemoryKib: 16, argon2Parallelism: 4}\n"))
        .singleElement()
        .asString()
        .startsWith("edge.argon2MemoryKib: 16 is out of range");
  }

  @Test
  void environmentVariablesSetTheKeys() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "",
            Map.of(
                "SWITCHBOARD_EDGE_ACCESS_TTL", "5m",
                "SWITCHBOARD_EDGE_ARGON2_MEMORY_KIB", "65536",
                "SWITCHBOARD_EDGE_LOGIN_FAILURES_PER_IP", "50",
                "SWITCHBOARD_EDGE_ENABLED", "false"));
    assertThat(c.edge().accessTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.edge().argon2MemoryKib()).isEqualTo(65536);
    assertThat(c.edge().loginFailuresPerIp()).isEqualTo(50);
    assertThat(c.edge().enabled()).isFalse();
  }

  @Test
  void rateLimitAndLogRulesNameTheirKeys() {
    assertThat(SwitchboardConfig.DEFAULT.rateLimits()).isEqualTo(RateLimitConfig.DEFAULT);
    assertThat(
            errors(
                "rateLimits: {ipPerSecond: 0, ipBurst: 0, userPerSecond: 0, userBurst: 0,"
                    + " keyPerSecond: -1, keyBurst: 0}\nlog: {format: xml}\n"))
        .containsExactly(
            "rateLimits.ipPerSecond: 0 is too small (allowed: 1 or more)",
            "rateLimits.ipBurst: 0 is too small (allowed: 1 or more)",
            "rateLimits.userPerSecond: 0 is too small (allowed: 1 or more)",
            "rateLimits.userBurst: 0 is too small (allowed: 1 or more)",
            "rateLimits.keyPerSecond: -1 is negative (allowed: 0 (server keys unlimited) or more)",
            "rateLimits.keyBurst: 0 is too small (allowed: 1 or more)",
            "log.format: 'xml' is not a log format (allowed: text or json)");
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "",
            Map.of(
                "SWITCHBOARD_RATE_LIMITS_IP_BURST", "3",
                "SWITCHBOARD_RATE_LIMITS_ENABLED", "false",
                "SWITCHBOARD_LOG_FORMAT", "json",
                "SWITCHBOARD_LOG_ACCESS", "true"));
    assertThat(c.rateLimits().ipBurst()).isEqualTo(3);
    assertThat(c.rateLimits().enabled()).isFalse();
    assertThat(c.log()).isEqualTo(new LogConfig("json", true));
  }
}
