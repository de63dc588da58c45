package io.switchboard.workflows.http;

import io.switchboard.workflows.flow.BadRequestException;
import io.switchboard.workflows.flow.ListQuery;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.WorkflowDoc;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The query parameters of the workflow API (docs/workflows.md "List"): {@code workflow_id}; and for
 * the list {@code status} (one or more statuses, comma separated), {@code type}, {@code from} and
 * {@code to} (creation time, ISO-8601 such as {@code 2026-12-02T08:00:00Z} or epoch ms, both
 * inclusive), {@code limit} (1 to {@code workflows.listLimit}, default that) and {@code cursor}
 * (the previous page's {@code next_cursor}). Anything else is 400 naming the parameter.
 */
final class ListParams {
  private final int maxLimit;

  ListParams(int maxLimit) {
    this.maxLimit = maxLimit;
  }

  ListQuery parse(RoutingContext rc) {
    Set<String> statuses = new LinkedHashSet<>();
    String status = param(rc, "status");
    if (status != null) {
      for (String s : status.split(",")) {
        String t = s.trim();
        if (!WorkflowDoc.STATUSES.contains(t)) {
          throw new BadRequestException("status must be one or more of " + WorkflowDoc.STATUSES);
        }
        statuses.add(t);
      }
    }
    String limit = param(rc, "limit");
    int n = maxLimit;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > maxLimit) {
        throw new BadRequestException("limit must be a whole number from 1 to " + maxLimit);
      }
    }
    String cursor = param(rc, "cursor");
    if (cursor != null && cursor.length() > 64) {
      throw new BadRequestException("cursor must be the next_cursor of a page");
    }
    return new ListQuery(statuses, param(rc, "type"), time(rc, "from"), time(rc, "to"), n, cursor);
  }

  /**
   * The workflow id from the query, else from {@code body} ({@code null}: query only).
   *
   * @throws BadRequestException when missing, empty or over 512 characters
   */
  static String workflowId(RoutingContext rc, JsonObject body) {
    String id = param(rc, "workflow_id");
    if (id == null && body != null && body.getValue("workflow_id") instanceof String s) {
      id = s;
    }
    if (!Keys.validId(id)) {
      throw new BadRequestException("workflow_id is required (at most 512 characters)");
    }
    return id;
  }

  private static String param(RoutingContext rc, String name) {
    String v = rc.request().getParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static Long time(RoutingContext rc, String name) {
    String v = param(rc, name);
    if (v == null) {
      return null;
    }
    try {
      return v.chars().allMatch(Character::isDigit) && v.length() <= 15
          ? Long.parseLong(v)
          : Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadRequestException(
          name + " must be an ISO-8601 time such as 2026-12-02T08:00:00Z, or epoch milliseconds");
    }
  }
}
