package io.switchboard.workflows.flow;

import java.util.Set;

/**
 * A list request (SPEC C3; issue 9 point 4: "list takes filters (status, type, time) and pages").
 *
 * @param statuses workflow statuses to keep; empty for all
 * @param type the workflow type to keep, or {@code null} for all
 * @param from keep workflows created at or after this epoch ms, or {@code null}
 * @param to keep workflows created at or before this epoch ms, or {@code null}
 * @param limit most workflows in the page, 1 or more
 * @param cursor the {@code next_cursor} of the previous page (a workflow id), or {@code null}
 */
public record ListQuery(
    Set<String> statuses, String type, Long from, Long to, int limit, String cursor) {
  /** Copies {@code statuses}. */
  public ListQuery {
    statuses = Set.copyOf(statuses);
  }
}
