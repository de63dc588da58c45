package io.switchboard.engine.rabbitmq;

import io.switchboard.core.Engine;
import io.switchboard.tck.BrokerContract;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;

/**
 * The broker contract (SPEC "Engines": one suite per port, every engine) on the real RabbitMQ
 * at {@link RabbitEngineOptions#DEFAULT_URI} (issue 3 point 4). Each test gets a fresh Vert.x
 * and connection; the contract's random names keep runs apart, and what a test declared is
 * deleted after it. With RabbitMQ down every test fails in {@link #newEngine()} with the
 * connection error: there is no skip.
 */
class RabbitBrokerIT extends BrokerContract {
  private RabbitBroker broker;

  @Override
  protected Engine newEngine() {
    Vertx vertx = Vertx.vertx();
    Engine e = await(RabbitEngine.create(vertx, RabbitEngineOptions.defaults()
        .withConnectionName(unique("switchboard-test-"))));
    broker = (RabbitBroker) e.broker();
    return new Engine(e.pubSub(), e.history(), e.presence(), e.snapshots(), e.locks(),
        e.broker(), e.ready(), () -> closeBoth(e, vertx));
  }

  /**
   * Closes the engine, then Vert.x; through a context-free promise, since a future bound to one
   * of Vert.x's event loops never completes once Vert.x is closed.
   */
  private static Future<Void> closeBoth(Engine e, Vertx vertx) {
    Promise<Void> closed = Promise.promise();
    e.close().get().onComplete(ar -> vertx.close().onComplete(closed));
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
