package io.switchboard.commands.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a command handler decided (SPEC C2): the events to append, or a rejection with a reason for
 * the user. A rejection is recorded and notified ({@code command.rejected}), never silent.
 */
public sealed interface Decision {

  /**
   * The command is applied: these events are appended, in order (none: applied without a change).
   *
   * @param events the events, copied
   */
  record Accepted(List<EventDraft> events) implements Decision {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  /**
   * The command is refused; nothing is appended.
   *
   * @param reason why, for the user (no secret), non-empty
   */
  record Rejected(String reason) implements Decision {
    public Rejected {
      if (Objects.requireNonNull(reason, "reason").isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
    }
  }

  /** Accepts with {@code events}, in order. */
  static Decision accept(EventDraft... events) {
    return new Accepted(List.of(events));
  }

  /** Rejects with {@code reason}. */
  static Decision reject(String reason) {
    return new Rejected(reason);
  }
}
