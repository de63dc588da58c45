package io.switchboard.core.room;

import java.util.Objects;

/**
 * A position in a room's stream: the epoch of the stream and the offset of its newest
 * publication (0 when nothing was ever published in this epoch). Centrifugo's
 * {@code StreamPosition}: a client recovers with {@code since} only when the epoch is the
 * one it saw, because a new epoch means the history it knew was lost.
 *
 * @param epoch opaque non-empty string naming one life of the stream
 * @param offset newest offset, {@code >= 0}
 */
public record StreamPosition(String epoch, long offset) {
  public StreamPosition {
    Objects.requireNonNull(epoch, "epoch");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
  }
}
