package io.switchboard.engine.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AMQP connection of a {@link RabbitBroker}, with reconnect and exponential backoff (issue
 * 3 point 2: "reconnect with backoff"). The amqp-client's own automatic recovery is off: after a
 * drop this class opens a new connection and runs {@code onConnected} (re-declare the topology,
 * re-open the consumers) before reporting itself connected again.
 *
 * <p><b>Threading.</b> Every blocking call (connect, close, {@code onConnected}) runs on the
 * single-thread {@code ops} worker executor, so it is serialized with the broker's declarations and
 * acks and never blocks an event loop.
 */
final class RabbitConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitConnection.class);

  /** Blocking work run on a fresh connection before it counts as connected. */
  interface OnConnected {
    void accept(Connection connection) throws Exception;
  }

  private final Vertx vertx;
  private final RabbitEngineOptions options;
  private final WorkerExecutor ops;
  private final OnConnected onConnected;
  private final ConnectionFactory factory = new ConnectionFactory();
  private volatile Connection current; // null while disconnected
  private volatile Throwable lastFailure;
  private volatile boolean closed;
  private long backoffMs; // guarded by this

  RabbitConnection(
      Vertx vertx, RabbitEngineOptions options, WorkerExecutor ops, OnConnected onConnected)
      throws Exception {
    this.vertx = vertx;
    this.options = options;
    this.ops = ops;
    this.onConnected = onConnected;
    factory.setUri(options.uri());
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    factory.setConnectionTimeout(5_000);
    factory.setRequestedHeartbeat(10); // seconds: a dead peer is noticed within ~20 s
  }

  /** Connects once; fails with the connection error (wrong URI, broker down, refused login). */
  Future<Void> start() {
    return ops.executeBlocking(
        () -> {
          connectOnce();
          return null;
        });
  }

  /** Whether the connection is open and the topology and consumers were restored on it. */
  boolean isConnected() {
    Connection c = current;
    return c != null && c.isOpen();
  }

  /** The open connection; throws {@link IllegalStateException} while disconnected. */
  Connection require() {
    Connection c = current;
    if (c == null || !c.isOpen()) {
      throw new IllegalStateException("RabbitMQ not connected", lastFailure);
    }
    return c;
  }

  /** The reason of the last drop or failed attempt, or null. */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** Stops reconnecting and closes the connection (which closes every channel). */
  Future<Void> close() {
    closed = true;
    return ops.executeBlocking(
        () -> {
          Connection c = current;
          current = null;
          if (c != null && c.isOpen()) {
            c.close(2_000);
          }
          return null;
        });
  }

  /** On the ops thread. */
  private void connectOnce() throws Exception {
    Connection c = factory.newConnection(options.connectionName());
    try {
      onConnected.accept(c);
    } catch (Exception e) {
      c.abort(1_000);
      throw e;
    }
    synchronized (this) {
      backoffMs = 0;
    }
    current = c;
    if (closed) {
      current = null;
      c.abort(1_000);
      return;
    }
    c.addShutdownListener(cause -> dropped(c, cause)); // fires at once if already closed
    LOG.info("RabbitMQ connected: {} as {}", c.getAddress(), options.connectionName());
  }

  private void dropped(Connection c, ShutdownSignalException cause) {
    if (closed || current != c) {
      return;
    }
    current = null;
    lastFailure = cause;
    LOG.warn("RabbitMQ connection lost ({}); reconnecting", cause.getMessage());
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    long delay;
    synchronized (this) {
      backoffMs =
          backoffMs == 0
              ? options.reconnectInitial().toMillis()
              : Math.min(options.reconnectMax().toMillis(), backoffMs * 2);
      delay = Math.max(1, backoffMs);
    }
    vertx.setTimer(
        delay,
        id -> {
          if (closed || current != null) {
            return;
          }
          ops.executeBlocking(
                  () -> {
                    if (!closed && current == null) {
                      connectOnce();
                    }
                    return null;
                  })
              .onFailure(
                  e -> {
                    lastFailure = e;
                    LOG.warn("RabbitMQ reconnect failed: {}", e.toString());
                    if (!closed) {
                      scheduleReconnect();
                    }
                  });
        });
  }
}
