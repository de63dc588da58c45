package io.switchboard.engine.postgres;

import io.switchboard.core.Engine;
import io.switchboard.core.Secrets;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL engine (SPEC "Engines": the store on PostgreSQL; issue 8 point 0): the schema's
 * migrations, a pool of {@link PgEngineOptions#poolSize()} connections for the {@link PgStore}, and
 * one dedicated {@code LISTEN switchboard_outbox} connection ({@link PgSubscriber}, reconnected
 * with backoff) that wakes the store's outbox listener.
 */
public final class PgEngine implements Engine {
  private static final Logger log = LoggerFactory.getLogger(PgEngine.class);

  private final Pool pool;
  private final PgSubscriber subscriber;
  private final PgStore store;

  private PgEngine(Vertx vertx, PgEngineOptions options) {
    PgConnectOptions connect = options.parsedUrl().connectOptions();
    int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
    this.pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(options.poolSize())
                    // bounded: beyond it a request fails at once instead of queueing forever
                    .setMaxWaitQueueSize(Math.max(1024, options.poolSize() * 128))
                    .setConnectionTimeout(timeout)
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
            .with(new NetClientOptions().setConnectTimeout(timeout))
            .connectingTo(connect)
            .using(vertx)
            .build();
    this.store = new PgStore(pool);
    long min = options.reconnectMin().toMillis();
    long max = options.reconnectMax().toMillis();
    this.subscriber =
        PgSubscriber.subscriber(vertx, connect)
            .reconnectPolicy(attempt -> Math.min(max, min << Math.min(attempt, 20)));
    subscriber
        .channel(PgStore.CHANNEL)
        .subscribeHandler(v -> store.wakeUp()) // after a reconnect: what was missed, poll now
        .handler(payload -> store.wakeUp());
  }

  /**
   * Migrates the schema and connects.
   *
   * @param vertx the Vert.x instance; the migrations run on one of its worker threads
   * @param options URL, pool, timeouts
   * @return the engine once the schema is migrated, the pool answers {@code SELECT 1} and the
   *     LISTEN connection listens; failed with an {@link IllegalStateException} (everything closed)
   *     whose message names the server with its password masked and says why: unreachable, no such
   *     database, refused credentials, or a schema newer than this node knows (both versions named)
   */
  public static Future<PgEngine> connect(Vertx vertx, PgEngineOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    PgUrl url = options.parsedUrl();
    return vertx
        .executeBlocking(() -> PgMigrations.migrate(url, options.connectTimeout()), false)
        .compose(
            version -> {
              log.info("PostgreSQL store at {}: schema version {}", url, version);
              PgEngine engine = new PgEngine(vertx, options);
              return engine
                  .ready()
                  .compose(v -> engine.subscriber.connect())
                  .map(engine)
                  .recover(e -> engine.close().transform(ar -> Future.failedFuture(e)));
            })
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "PostgreSQL store at "
                            + options.maskedUrl()
                            + " could not start: "
                            + Secrets.mask(message(e)),
                        e)));
  }

  private static String message(Throwable e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
        s.append(": ").append(c.getMessage());
      }
    }
    return s.toString();
  }

  /** The store: events, documents and the outbox, on this engine's pool. */
  public Store store() {
    return store;
  }

  /** Always {@code postgres}. */
  @Override
  public String name() {
    return "postgres";
  }

  /** {@inheritDoc} A {@code SELECT 1} on the pool. */
  @Override
  public Future<Void> ready() {
    return pool.query("select 1").execute().mapEmpty();
  }

  /** {@inheritDoc} Closes the LISTEN connection and the pool. */
  @Override
  public Future<Void> close() {
    return subscriber.close().otherwiseEmpty().transform(ar -> pool.close()).otherwiseEmpty();
  }
}
