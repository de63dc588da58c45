package io.switchboard.app.config;

import io.switchboard.server.config.TunnelConfig;

/**
 * The {@code tunnel.*} rules of {@link ConfigValidator} (SPEC C4; issue 10): positive durations and
 * bounds, channel prefixes that no room or user channel can take.
 */
final class TunnelRules {
  private TunnelRules() {}

  /** Adds the errors of {@code t} to {@code v}, in component order. */
  static void check(ConfigValidator v, TunnelConfig t) {
    v.positive("tunnel.requestTimeout", t.requestTimeout());
    channel(v, "tunnel.requestChannel", t.requestChannel());
    channel(v, "tunnel.responseChannel", t.responseChannel());
    v.check(
        t.requestChannel() == null || !t.requestChannel().equals(t.responseChannel()),
        "tunnel.responseChannel",
        "is the same as tunnel.requestChannel",
        "a channel prefix of its own");
    v.atLeastOne("tunnel.maxMessageBytes", t.maxMessageBytes());
    v.atLeastOne("tunnel.maxInFlight", t.maxInFlight());
    v.atLeastOne("tunnel.maxInFlightPerProject", t.maxInFlightPerProject());
    v.atLeastOne("tunnel.maxControllers", t.maxControllers());
    v.atLeastOne("tunnel.maxControllersPerProject", t.maxControllersPerProject());
    v.positive("tunnel.registryTtl", t.registryTtl());
    v.positive("tunnel.heartbeat", t.heartbeat());
  }

  private static void channel(ConfigValidator v, String key, String name) {
    v.check(
        name != null && name.matches("[A-Za-z0-9_.-]{1,100}"),
        key,
        "\"" + name + "\" is not a channel prefix",
        "1 to 100 of letters, digits, _ . - (no ':', which room channels use)");
  }
}
