package io.switchboard.core.room;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history a room keeps (SPEC C1, per-namespace policy).
 *
 * @param size the newest {@code size} publications are kept (default 10); 0 keeps none but still
 *     assigns offsets
 * @param ttl the history expires this long after the room's last publication (default 30 s); the
 *     stream's epoch and top offset outlive it
 */
public record HistoryOptions(int size, Duration ttl) {
  /** The SPEC defaults: 10 publications, 30 seconds. */
  public static final HistoryOptions DEFAULT = new HistoryOptions(10, Duration.ofSeconds(30));

  /**
   * @throws NullPointerException if {@code ttl} is null
   * @throws IllegalArgumentException if {@code size} is negative or {@code ttl} is not positive
   */
  public HistoryOptions {
    Objects.requireNonNull(ttl, "ttl");
    if (size < 0) {
      throw new IllegalArgumentException("history size must be >= 0, got " + size);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("history ttl must be positive, got " + ttl);
    }
  }
}
