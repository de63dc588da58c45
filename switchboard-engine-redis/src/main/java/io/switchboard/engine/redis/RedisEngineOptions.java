package io.switchboard.engine.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of the Redis engine (SPEC "Engines"; issue 3 point 1). Every {@code with…} copy is
 * checked by the constructor, as {@link #DEFAULTS} is.
 *
 * @param connectionString Redis URI, e.g. {@code redis://127.0.0.1:6379} or {@code
 *     redis://:password@host:6379/0}
 * @param keyPrefix first segment of every key and channel ({@code <prefix>.ch.<channel>}, {@code
 *     <prefix>.meta.<room>}, …); 1 to 64 letters, digits, {@code _ -} (the configuration allows 1
 *     to 32); default {@code sb}
 * @param presenceTtl how long a presence entry lives without a refresh by its node, at least 3 ms
 *     (the configuration asks 1 s); nodes refresh their own entries every third of it, so a dead
 *     node's members vanish within it; default 60 s
 * @param metaTtl how long a room stream's epoch and top offset outlive its last publish (at least
 *     the room's history TTL is used); after that the stream starts a new epoch; default 24 h
 * @param emptyRoomTtl how long the epoch of a room that was never published to lives after its last
 *     read (a join creates it), default 5 min; a publish gives it {@code metaTtl} (issue 7)
 * @param commandTimeout how long any command on the command pool, and any connect, may wait for its
 *     reply before its future fails with a {@link java.util.concurrent.TimeoutException}, default 5
 *     s (issue 7); the pub/sub connection's {@code SUBSCRIBE}s are watched by the probe instead
 * @param poolSize connections in the command pool (the pub/sub connection is extra), 1 or more;
 *     default 8
 * @param probeInterval PING period on the pub/sub connection; three silent periods drop it; default
 *     3 s
 * @param reconnectMin first delay before reconnecting the pub/sub connection (then doubled, plus up
 *     to half of it at random); default 100 ms
 * @param reconnectMax longest delay between reconnect attempts (the delay doubles up to it);
 *     default 5 s
 */
public record RedisEngineOptions(
    String connectionString,
    String keyPrefix,
    Duration presenceTtl,
    Duration metaTtl,
    Duration emptyRoomTtl,
    Duration commandTimeout,
    int poolSize,
    Duration probeInterval,
    Duration reconnectMin,
    Duration reconnectMax) {

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

  /**
   * Local Redis, prefix {@code sb}, presence 60 s, meta 24 h, empty room 5 min, command timeout 5
   * s, pool 8, probe 3 s, reconnect 100 ms–5 s.
   */
  public static final RedisEngineOptions DEFAULTS =
      new RedisEngineOptions(
          "redis://127.0.0.1:6379",
          "sb",
          Duration.ofSeconds(60),
          Duration.ofHours(24),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5),
          8,
          Duration.ofSeconds(3),
          Duration.ofMillis(100),
          Duration.ofSeconds(5));

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a value is out of range: a prefix outside {@code
   *     [A-Za-z0-9_-]{1,64}}, a duration that is not positive, {@code presenceTtl} under 3 ms,
   *     {@code reconnectMax < reconnectMin}, {@code poolSize < 1}
   */
  public RedisEngineOptions {
    Objects.requireNonNull(connectionString, "connectionString");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (!PREFIX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("keyPrefix must match " + PREFIX + ": " + keyPrefix);
    }
    positive("presenceTtl", presenceTtl);
    positive("metaTtl", metaTtl);
    positive("emptyRoomTtl", emptyRoomTtl);
    positive("commandTimeout", commandTimeout);
    positive("probeInterval", probeInterval);
    positive("reconnectMin", reconnectMin);
    positive("reconnectMax", reconnectMax);
    if (presenceTtl.toMillis() < 3) {
      throw new IllegalArgumentException("presenceTtl must be at least 3 ms: " + presenceTtl);
    }
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must be >= reconnectMin");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
    }
  }

  /** A copy with another connection string. */
  public RedisEngineOptions withConnectionString(String value) {
    return new RedisEngineOptions(
        value,
        keyPrefix,
        presenceTtl,
        metaTtl,
        emptyRoomTtl,
        commandTimeout,
        poolSize,
        probeInterval,
        reconnectMin,
        reconnectMax);
  }

  /** A copy with another key prefix. */
  public RedisEngineOptions withKeyPrefix(String value) {
    return new RedisEngineOptions(
        connectionString,
        value,
        presenceTtl,
        metaTtl,
        emptyRoomTtl,
        commandTimeout,
        poolSize,
        probeInterval,
        reconnectMin,
        reconnectMax);
  }

  /** A copy with another presence TTL. */
  public RedisEngineOptions withPresenceTtl(Duration value) {
    return new RedisEngineOptions(
        connectionString,
        keyPrefix,
        value,
        metaTtl,
        emptyRoomTtl,
        commandTimeout,
        poolSize,
        probeInterval,
        reconnectMin,
        reconnectMax);
  }

  /** A copy with another reconnect backoff range. */
  public RedisEngineOptions withReconnect(Duration min, Duration max) {
    return new RedisEngineOptions(
        connectionString,
        keyPrefix,
        presenceTtl,
        metaTtl,
        emptyRoomTtl,
        commandTimeout,
        poolSize,
        probeInterval,
        min,
        max);
  }

  /** A copy with another TTL for the epoch of a room never published to. */
  public RedisEngineOptions withEmptyRoomTtl(Duration value) {
    return new RedisEngineOptions(
        connectionString,
        keyPrefix,
        presenceTtl,
        metaTtl,
        value,
        commandTimeout,
        poolSize,
        probeInterval,
        reconnectMin,
        reconnectMax);
  }

  /** A copy with another command timeout. */
  public RedisEngineOptions withCommandTimeout(Duration value) {
    return new RedisEngineOptions(
        connectionString,
        keyPrefix,
        presenceTtl,
        metaTtl,
        emptyRoomTtl,
        value,
        poolSize,
        probeInterval,
        reconnectMin,
        reconnectMax);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
