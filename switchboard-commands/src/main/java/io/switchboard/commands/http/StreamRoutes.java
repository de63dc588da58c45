package io.switchboard.commands.http;

import io.switchboard.commands.domain.BodyFields;
import io.switchboard.commands.domain.EventDraft;
import io.switchboard.commands.outcome.Outcomes;
import io.switchboard.core.store.AppendConflictException;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.StoreNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends for external handlers (SPEC C2; issue 8 point 4), with the server API key:
 *
 * <pre>
 * POST /api/v1/streams/{stream}/events
 *   {expectedVersion, events:[{type, data, id?}], commandId?, correlationId?, causationId?}
 *   → 201 {stream, version}
 * </pre>
 *
 * The events are appended with the projections and the outbox in one transaction ({@link
 * StreamAppend}). With {@code commandId} naming an accepted command of that stream, the command is
 * marked applied in the same transaction and its user notified. 400 for a bad body (at most {@value
 * #MAX_EVENTS} events; types as {@link EventDraft#validType}; data a JSON object; ids 1-100 of
 * {@code A-Z a-z 0-9 . _ : -}), 409 {@code version_conflict} with the stream's {@code version}, 409
 * {@code duplicate_event} for an event id stored already.
 */
final class StreamRoutes {
  /** Most events in one append. */
  static final int MAX_EVENTS = 100;

  private final StreamAppend append;
  private final Outcomes outcomes;

  StreamRoutes(StreamAppend append, Outcomes outcomes) {
    this.append = append;
    this.outcomes = outcomes;
  }

  void mount(Router router) {
    router.post("/api/v1/streams/:stream/events").handler(this::post);
  }

  private void post(RoutingContext rc) {
    String stream = rc.pathParam("stream");
    Future<StreamAppend.Done> done;
    try {
      JsonObject body = Replies.body(rc);
      try {
        StoreNames.stream(stream);
      } catch (IllegalArgumentException e) {
        throw bad("the stream must be 1-200 of A-Z a-z 0-9 . _ : -");
      }
      Object expected = body.getValue("expectedVersion");
      if (!(expected instanceof Number n)
          || n.longValue() < 0
          || n.doubleValue() != n.longValue()) {
        throw bad("field 'expectedVersion' must be a whole number >= 0");
      }
      String commandId = optionalId(body, "commandId");
      EventMetadata meta =
          new EventMetadata(
              commandId, null, optionalId(body, "correlationId"), optionalId(body, "causationId"));
      done = append.append(stream, n.longValue(), events(body, meta), commandId);
    } catch (CommandException e) {
      Replies.fail(rc, e);
      return;
    }
    done.onSuccess(
            d -> {
              Replies.json(
                  rc, 201, new JsonObject().put("stream", stream).put("version", d.version()));
              if (d.command() != null) {
                outcomes.report(d.command(), d.events());
              } else {
                outcomes.publish(d.events());
              }
            })
        .onFailure(e -> Replies.fail(rc, conflict(e)));
  }

  private static List<NewEvent> events(JsonObject body, EventMetadata meta) {
    if (!(body.getValue("events") instanceof JsonArray list)
        || list.isEmpty()
        || list.size() > MAX_EVENTS) {
      throw bad("field 'events' must be a list of 1 to " + MAX_EVENTS + " events");
    }
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "events[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject e)) {
        throw bad("field '" + field + "' must be an object {type, data, id?}");
      }
      if (!EventDraft.validType(e.getValue("type") instanceof String t ? t : null)) {
        throw bad("field '" + field + ".type' must be dot-separated words of A-Z a-z 0-9 _ -");
      }
      if (!(e.getValue("data") instanceof JsonObject data)) {
        throw bad("field '" + field + ".data' must be a JSON object");
      }
      String id = optionalId(e, "id");
      events.add(
          new NewEvent(
              id == null ? UUID.randomUUID().toString() : id,
              e.getString("type"),
              data.encode(),
              meta));
    }
    return events;
  }

  private static String optionalId(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || !BodyFields.isId(s)) {
      throw bad("field '" + field + "' must be an id: 1-100 of A-Z a-z 0-9 . _ : -");
    }
    return s;
  }

  private static Throwable conflict(Throwable e) {
    if (e instanceof AppendConflictException a) {
      return a.actual() < 0
          ? new CommandException(CommandError.DUPLICATE_EVENT, "an event id is stored already")
          : new CommandException(
              CommandError.VERSION_CONFLICT,
              "stream "
                  + a.stream()
                  + " is at version "
                  + a.actual()
                  + ", expected "
                  + a.expected(),
              new JsonObject().put("version", a.actual()));
    }
    if (e instanceof DocumentConflictException) {
      return new CommandException(CommandError.UNAVAILABLE, "busy; nothing was appended, retry");
    }
    return e;
  }

  private static CommandException bad(String message) {
    return new CommandException(CommandError.BAD_REQUEST, message);
  }
}
