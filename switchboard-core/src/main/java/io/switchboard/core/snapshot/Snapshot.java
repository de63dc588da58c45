package io.switchboard.core.snapshot;

import java.util.Objects;

/**
 * The latest state of a room, as a compressed blob (SPEC C1 "snapshot"; seed 003 stored the board
 * snapshot gzip-compressed).
 *
 * @param event the event name that produced it (e.g. {@code board.update}), or what the server
 *     API's put named ({@code snapshot} by default)
 * @param offset the stream offset the snapshot reflects: history after it completes the state
 * @param encoding the compression, {@link SnapshotCodec#ENCODING} ({@code gzip})
 * @param data the compressed UTF-8 JSON text; the record does not copy the array (the memory store
 *     copies it on put and get)
 * @param ts when it was taken, epoch milliseconds: the publication's {@code ts}, or the time of the
 *     server API's put
 */
public record Snapshot(String event, long offset, String encoding, byte[] data, long ts) {
  /**
   * @throws NullPointerException if {@code event}, {@code encoding} or {@code data} is null
   */
  public Snapshot {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(data, "data");
  }
}
