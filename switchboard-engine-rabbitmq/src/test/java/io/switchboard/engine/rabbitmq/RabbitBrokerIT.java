package io.switchboard.engine.rabbitmq;

import io.switchboard.core.broker.Broker;
import io.switchboard.tck.BrokerContract;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;

/**
 * The broker contract (SPEC "Engines": one suite per port, every engine) on the real RabbitMQ at
 * {@link RabbitEngineOptions#DEFAULT_URI} (issue 3 point 4). Each test gets a fresh Vert.x and
 * connection; the contract's random names keep runs apart, and what a test declared is deleted
 * after it. With RabbitMQ down every test fails in {@link #newBroker()} with the connection error:
 * there is no skip.
 */
class RabbitBrokerIT extends BrokerContract {
  private RabbitBroker broker;

  @Override
  protected Broker newBroker() {
    Vertx vertx = Vertx.vertx();
    RabbitEngine e =
        await(
            RabbitEngine.connect(
                vertx,
                RabbitEngineOptions.defaults().withConnectionName(unique("switchboard-test-"))));
    closeAfterTest(() -> closeBoth(e, vertx));
    broker = e.broker();
    return broker;
  }

  /**
   * Closes the engine, then Vert.x; through a context-free promise, since a future bound to one of
   * Vert.x's event loops never completes once Vert.x is closed.
   */
  private static Future<Void> closeBoth(RabbitEngine e, Vertx vertx) {
    Promise<Void> closed = Promise.promise();
    e.close().onComplete(ar -> vertx.close().onComplete(closed));
    return closed.future();
  }

  /** Runs before the base class closes the engine (JUnit runs subclass callbacks first). */
  @AfterEach
  void deleteWhatTheTestDeclared() {
    if (broker != null) {
      await(broker.deleteDeclared());
    }
  }
}
