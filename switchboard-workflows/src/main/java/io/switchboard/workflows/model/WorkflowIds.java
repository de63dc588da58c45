package io.switchboard.workflows.model;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Workflow ids that sort by creation time (issue 9 point 4: list pages by time): UUIDs of version 7
 * (RFC 9562), whose first 48 bits are the creation time in epoch milliseconds, so their lower-case
 * text sorts as they were created (within one millisecond in no particular order). They look like
 * the seed's UUIDs. Not secrets: who may see a workflow is checked on every request.
 */
public final class WorkflowIds {
  private WorkflowIds() {}

  /** A new id for a workflow created at {@code epochMillis}. */
  public static String next(long epochMillis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (epochMillis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  /**
   * A key below every id created at or after {@code epochMillis} and above every id created before
   * (its version digit is 0 where ids have 7): where a list from that time starts.
   */
  public static String lowerBound(long epochMillis) {
    return new UUID(Math.max(0, epochMillis) << 16, 0).toString();
  }

  /**
   * The creation time of an id of {@link #next}, epoch milliseconds; -1 for text that is not one.
   */
  public static long time(String id) {
    if (id == null || id.length() != 36 || id.charAt(8) != '-') {
      return -1;
    }
    try {
      return Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
