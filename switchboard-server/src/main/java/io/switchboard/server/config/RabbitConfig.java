package io.switchboard.server.config;

/**
 * The RabbitMQ connection of the broker port (issue 3; SPEC "Engines").
 *
 * @param uri {@code amqp://user:password@host:port[/vhost]} or {@code amqps://…}, default {@code
 *     amqp://guest:guest@127.0.0.1:5672}; a real password belongs in {@code
 *     SWITCHBOARD_ENGINE_RABBITMQ_URI}
 */
public record RabbitConfig(String uri) {
  /** The local broker as guest: {@code amqp://guest:guest@127.0.0.1:5672}. */
  public static final RabbitConfig DEFAULT = new RabbitConfig("amqp://guest:guest@127.0.0.1:5672");

  /** The URI with its password masked, so it may be logged. */
  @Override
  public String toString() {
    return "RabbitConfig[uri=" + EngineConfig.masked(uri) + "]";
  }
}
