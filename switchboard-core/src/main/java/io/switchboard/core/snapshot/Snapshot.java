package io.switchboard.core.snapshot;

import java.util.Objects;

/**
 * The latest state of a room, as a compressed blob (SPEC C1 "snapshot"; seed 003 stored the
 * board snapshot gzip-compressed).
 *
 * @param event the event name that produced it (e.g. {@code board.update}) or {@code snapshot}
 *     when put through the server API
 * @param offset the stream offset the snapshot reflects: history after it completes the state
 * @param encoding the compression, {@code gzip}
 * @param data the compressed raw JSON text
 * @param ts when it was taken, epoch milliseconds
 */
public record Snapshot(String event, long offset, String encoding, byte[] data, long ts) {
  public Snapshot {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(data, "data");
  }
}
