package io.switchboard.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.capability.Capabilities;
import io.switchboard.grpc.GrpcCapability;
import io.switchboard.server.config.GrpcConfig;
import io.switchboard.server.config.SwitchboardConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code grpc.*} rules (issue 11 point 4), their environment variables and the wiring. */
class GrpcRulesTest {
  private static List<String> errors(String yaml) {
    return RuleErrors.of(yaml);
  }

  @Test
  void theDefaultsAreValidAndOff() {
    assertThat(errors("")).isEmpty();
    assertThat(SwitchboardConfig.DEFAULT.grpc()).isEqualTo(GrpcConfig.DEFAULT);
    assertThat(GrpcConfig.DEFAULT.enabled()).isFalse();
    assertThat(GrpcConfig.DEFAULT.port()).isEqualTo(9090);
    assertThat(Capabilities.of(SwitchboardConfig.DEFAULT))
        .noneMatch(c -> c instanceof GrpcCapability);
  }

  @Test
  void everyRuleNamesItsKey() {
    assertThat(errors("grpc: {enabled: true, host: '', port: 70000, maxMessageBytes: 0}\n"))
        .containsExactly(
            "grpc.host: is empty (allowed: an address such as 0.0.0.0 or 127.0.0.1)",
            "grpc.port: 70000 is out of range (allowed: 0..65535)",
            "grpc.maxMessageBytes: 0 is too small (allowed: 1 or more)");
    assertThat(errors("server: {port: 9000}\ngrpc: {enabled: true, port: 9000}\n"))
        .containsExactly("grpc.port: 9000 is also server.port (allowed: a port of its own)");
    assertThat(errors("grpc: {enabled: false, port: 70000}\n")).isEmpty();
  }

  @Test
  void environmentVariablesSetTheKeysAndEnableTheCapability() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "",
            Map.of(
                "SWITCHBOARD_GRPC_ENABLED", "true",
                "SWITCHBOARD_GRPC_HOST", "127.0.0.1",
                "SWITCHBOARD_GRPC_PORT", "9191",
                "SWITCHBOARD_GRPC_MAX_MESSAGE_BYTES", "65536"));
    assertThat(c.grpc()).isEqualTo(new GrpcConfig(true, "127.0.0.1", 9191, 65536));
    assertThat(Capabilities.of(c)).filteredOn(x -> x instanceof GrpcCapability).hasSize(1);
  }
}
