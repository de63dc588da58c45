package io.switchboard.workflows.flow;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.workflows.live.Frame;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one transition decided (issue 9 point 5: "every transition is one store transaction"): the
 * workflow as it will be written (when {@link #changed}), the outbox messages, the frames to send
 * after the commit, the timers to write and delete, the counters, and the answer. Built by {@link
 * Rules} on one thread, applied by {@link Transitions}.
 */
final class Change {
  /** The workflow as read, {@code null} when there is none; never modified. */
  final JsonObject before;

  /** The workflow being decided on: a copy of {@link #before}, or a new one. */
  JsonObject workflow;

  /** The decision's time. */
  final Instant now;

  final List<BrokerMessage> messages = new ArrayList<>();
  final List<Frame> frames = new ArrayList<>();
  final Map<String, JsonObject> timerPuts = new LinkedHashMap<>();
  final Set<String> timerDeletes = new LinkedHashSet<>();

  /** Counter increments by name ({@link WorkflowMetrics}), applied after the commit. */
  final List<String> counts = new ArrayList<>();

  boolean changed;
  Outcome outcome;

  Change(JsonObject before, Instant now) {
    this.before = before;
    this.workflow = before == null ? null : before.copy();
    this.now = now;
  }

  /** Marks the workflow written, stamping {@code updated_at}. */
  void touch() {
    changed = true;
    workflow.put("updated_at", now.toString());
  }

  /** Writes a timer document at commit. */
  void putTimer(String key, JsonObject timer) {
    timerDeletes.remove(key);
    timerPuts.put(key, timer);
  }

  /** Deletes a timer document at commit ({@code null}: nothing). */
  void deleteTimer(String key) {
    if (key != null) {
      timerPuts.remove(key);
      timerDeletes.add(key);
    }
  }

  /** Whether anything is to be written. */
  boolean writes() {
    return changed || !timerPuts.isEmpty() || !timerDeletes.isEmpty() || !messages.isEmpty();
  }
}
