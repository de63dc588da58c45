package io.switchboard.core.room;

import java.util.Objects;

/**
 * A position in a room's stream: the epoch of the stream and the offset of its newest publication
 * (0 when nothing was ever published in this epoch). Centrifugo's {@code StreamPosition}: a client
 * recovers with {@code since} only when the epoch is the one it saw, because a new epoch means the
 * history it knew was lost.
 *
 * @param epoch opaque string naming one life of the stream (the engines make 16 hex digits; clients
 *     send back what they were given)
 * @param offset newest offset, {@code >= 0}
 */
public record StreamPosition(String epoch, long offset) {
  /**
   * @throws NullPointerException if {@code epoch} is null
   * @throws IllegalArgumentException if {@code offset} is negative
   */
  public StreamPosition {
    Objects.requireNonNull(epoch, "epoch");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
  }
}
