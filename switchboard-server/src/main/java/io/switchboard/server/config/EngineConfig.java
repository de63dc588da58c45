package io.switchboard.server.config;

/**
 * Which engine backs the ports (SPEC "Engines"). This release has {@code memory}; Redis and
 * RabbitMQ come with the scale-out engines.
 *
 * @param type {@code memory}
 */
public record EngineConfig(String type) {
  public static final EngineConfig DEFAULT = new EngineConfig("memory");
}
