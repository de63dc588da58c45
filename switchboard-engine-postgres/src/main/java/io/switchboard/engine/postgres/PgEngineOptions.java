package io.switchboard.engine.postgres;

import io.switchboard.core.Secrets;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the PostgreSQL engine (SPEC "Engines", store; issue 8 point 0). Every {@code
 * with…} copy is checked by the constructor, as {@link #DEFAULTS} is.
 *
 * @param url {@code postgresql://user[:password]@host[:port]/database[?sslmode=…]} (also {@code
 *     postgres://}); user and database required, {@code sslmode} one of {@code disable} (default),
 *     {@code allow}, {@code prefer}, {@code require}; default {@code
 *     postgresql://postgres@127.0.0.1:5432/switchboard}. The password is masked in every message.
 * @param poolSize connections of the pool that runs reads and commits, 1 or more (the LISTEN
 *     connection and the migrations' JDBC connection are extra); default 8
 * @param connectTimeout how long opening a connection (pool, LISTEN, migrations) and waiting for a
 *     free pooled connection may take before the operation fails, at least 1 s; default 5 s
 * @param reconnectMin first delay before reconnecting the LISTEN connection after it broke (then
 *     doubled); default 100 ms
 * @param reconnectMax longest delay between reconnect attempts of the LISTEN connection, at least
 *     {@code reconnectMin}; default 5 s
 */
public record PgEngineOptions(
    String url,
    int poolSize,
    Duration connectTimeout,
    Duration reconnectMin,
    Duration reconnectMax) {

  /**
   * The URL's shape, for messages: {@code
   * postgresql://user[:password]@host[:port]/database[?sslmode=disable|allow|prefer|require]}.
   */
  public static final String URL_SHAPE = PgUrl.SHAPE;

  /**
   * Local PostgreSQL as {@code postgres}, database {@code switchboard}, pool 8, 5 s, 100 ms–5 s.
   */
  public static final PgEngineOptions DEFAULTS =
      new PgEngineOptions(
          "postgresql://postgres@127.0.0.1:5432/switchboard",
          8,
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          Duration.ofSeconds(5));

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException for a URL of another shape (the message never quotes it), a
   *     pool under 1, a connect timeout under 1 s, a delay that is not positive or {@code
   *     reconnectMax < reconnectMin}
   */
  public PgEngineOptions {
    PgUrl.parse(url);
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("connectTimeout must be >= 1s: " + connectTimeout);
    }
    positive("reconnectMin", reconnectMin);
    positive("reconnectMax", reconnectMax);
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must be >= reconnectMin");
    }
  }

  /** A copy with another URL. */
  public PgEngineOptions withUrl(String value) {
    return new PgEngineOptions(value, poolSize, connectTimeout, reconnectMin, reconnectMax);
  }

  /** A copy with another pool size. */
  public PgEngineOptions withPoolSize(int value) {
    return new PgEngineOptions(url, value, connectTimeout, reconnectMin, reconnectMax);
  }

  /** A copy with another connect timeout. */
  public PgEngineOptions withConnectTimeout(Duration value) {
    return new PgEngineOptions(url, poolSize, value, reconnectMin, reconnectMax);
  }

  /** A copy with another reconnect backoff range of the LISTEN connection. */
  public PgEngineOptions withReconnect(Duration min, Duration max) {
    return new PgEngineOptions(url, poolSize, connectTimeout, min, max);
  }

  /** The URL with its password masked, for logs and messages. */
  public String maskedUrl() {
    return Secrets.mask(url);
  }

  /** Every component, with the URL's password masked. */
  @Override
  public String toString() {
    return "PgEngineOptions[url="
        + maskedUrl()
        + ", poolSize="
        + poolSize
        + ", connectTimeout="
        + connectTimeout
        + ", reconnectMin="
        + reconnectMin
        + ", reconnectMax="
        + reconnectMax
        + "]";
  }

  PgUrl parsedUrl() {
    return PgUrl.parse(url);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
