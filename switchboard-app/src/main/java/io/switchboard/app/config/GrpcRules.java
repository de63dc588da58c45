package io.switchboard.app.config;

import io.switchboard.server.config.GrpcConfig;
import io.switchboard.server.config.ServerConfig;

/**
 * The {@code grpc.*} rules of {@link ConfigValidator} (issue 11 point 4; docs/grpc.md): a port in
 * range and not the HTTP port, a host, a positive message bound. Checked only when enabled.
 */
final class GrpcRules {
  private GrpcRules() {}

  /** Adds the errors of {@code g} to {@code v}, in component order. */
  static void check(ConfigValidator v, GrpcConfig g, ServerConfig s) {
    if (!g.enabled()) {
      return;
    }
    v.check(
        g.host() != null && !g.host().isBlank(),
        "grpc.host",
        "is empty",
        "an address such as 0.0.0.0 or 127.0.0.1");
    v.check(
        g.port() >= 0 && g.port() <= 65535,
        "grpc.port",
        g.port() + " is out of range",
        ConfigValidator.intRange("grpc.port"));
    v.check(
        g.port() == 0 || g.port() != s.port(),
        "grpc.port",
        g.port() + " is also server.port",
        "a port of its own");
    v.atLeastOne("grpc.maxMessageBytes", g.maxMessageBytes());
  }
}
