package io.switchboard.engine.rabbitmq;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the RabbitMQ engine's own ITs: a fresh Vert.x and engine per test on the local RabbitMQ
 * under a connection name unique to the test ({@link #name}), and everything the test declared
 * deleted after it. With RabbitMQ down the test fails in {@link #connect} (no skip).
 */
abstract class RabbitTestBase {
  /** A suffix unique to this test, for its exchange and queue names. */
  protected final String suffix = UUID.randomUUID().toString().substring(0, 8);

  /** The AMQP connection's name ({@code rabbitmqctl} can find and close it). */
  protected final String name = "switchboard-test-" + suffix;

  protected Vertx vertx;
  protected RabbitEngine engine;
  protected RabbitBroker broker;

  /** The engine's options; tests that need other backoffs override this. */
  protected RabbitEngineOptions options() {
    return RabbitEngineOptions.defaults().withConnectionName(name);
  }

  @BeforeEach
  void connect() throws Exception {
    vertx = Vertx.vertx();
    engine = get(RabbitEngine.connect(vertx, options()));
    broker = engine.broker();
  }

  @AfterEach
  void close() throws Exception {
    try {
      get(broker.deleteDeclared());
      get(engine.close());
    } finally {
      get(vertx.close());
    }
  }

  /** Waits up to 30 s for a future; throws its failure. */
  protected static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
