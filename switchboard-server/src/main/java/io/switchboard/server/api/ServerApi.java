package io.switchboard.server.api;

import io.switchboard.core.Ports;
import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.snapshot.SnapshotCodec;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RequestException;
import io.switchboard.server.room.Requests;
import io.switchboard.server.room.RoomPublisher;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The server API for backends (SPEC C1 "Server API"), under {@code /api/v1/server}, API-key
 * protected. Bodies are JSON; errors are {@code {"error":{"code","message"}}}. Routes:
 *
 * <pre>
 * POST /rooms/{room}/publications  {event, data}       → 200 {room, offset}
 * GET  /rooms/{room}/presence?cursor=&amp;limit=      → 200 {room, presence:[{user,connection,node}], count, next}
 * GET  /rooms/{room}/history                           → 200 {room, epoch, offset, publications:[…]}
 * PUT  /rooms/{room}/snapshot      {event?, data}      → 200 {room, offset}
 * GET  /rooms/{room}/snapshot                          → 200 {room, event, offset, data} | 404
 * POST /users/{user}/notifications {event, data}       → 202 {}
 * POST /users/{user}/disconnect    {reason?}           → 202 {}
 * </pre>
 *
 * Server-only namespaces are writable here (namespace access is not checked). Statuses: 401 without
 * a valid key ({@code unauthorized}), 503 {@code api_disabled} without any key configured, 400 for
 * a bad body, room name, event name or {@code limit} ({@code bad_request}, {@code invalid_room}),
 * 404 for an unknown namespace or no snapshot, 413 over {@code server.maxBodyBytes}, 503 for an
 * engine failure or a full event buffer ({@code unavailable}, {@code buffer_full}). {@code data}
 * absent is JSON {@code null}; {@code history} returns the whole retained history. Handlers run on
 * the event loop of the HTTP connection.
 */
public final class ServerApi {
  private final Ports ports;
  private final Namespaces namespaces;
  private final RoomPublisher publisher;
  private final Gateway gateway;

  /**
   * Wires the API to the node's services.
   *
   * @param ports presence, history and snapshots are read here
   * @param namespaces room policy
   * @param publisher the publish path (publications, snapshot puts)
   * @param gateway notifications and disconnects, cluster-wide
   */
  public ServerApi(Ports ports, Namespaces namespaces, RoomPublisher publisher, Gateway gateway) {
    this.ports = ports;
    this.namespaces = namespaces;
    this.publisher = publisher;
    this.gateway = gateway;
  }

  /**
   * Mounts the routes on {@code router} under {@code /api/v1/server}, behind the API key check
   * (first) and a body limit.
   *
   * @param router the node's router
   * @param keys {@code api.keys}; empty answers every route 503 {@code api_disabled}
   * @param maxBodyBytes the largest request body, in bytes ({@code server.maxBodyBytes})
   */
  public void mount(Router router, List<String> keys, int maxBodyBytes) {
    String base = "/api/v1/server";
    router.route(base + "/*").handler(new ApiKeyHandler(keys));
    router.route(base + "/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router.post(base + "/rooms/:room/publications").handler(this::publish);
    router.get(base + "/rooms/:room/presence").handler(this::presence);
    router.get(base + "/rooms/:room/history").handler(this::history);
    router.put(base + "/rooms/:room/snapshot").handler(this::putSnapshot);
    router.get(base + "/rooms/:room/snapshot").handler(this::getSnapshot);
    router.post(base + "/users/:user/notifications").handler(this::notifyUser);
    router.post(base + "/users/:user/disconnect").handler(this::disconnect);
  }

  private void publish(RoutingContext rc) {
    withRoom(
        rc,
        (room, config) -> {
          JsonObject body = body(rc);
          String event = Requests.requireString(body, "event");
          String data = Json.encode(body.getValue("data"));
          return publisher
              .publish(room, config, new PublicationDraft(event, data, null))
              .map(p -> new JsonObject().put("room", room).put("offset", p.offset()));
        });
  }

  private void presence(RoutingContext rc) {
    withRoom(
        rc,
        (room, config) -> {
          String cursor = rc.queryParams().get("cursor");
          int limit = limit(rc.queryParams().get("limit"), config.presenceListLimit());
          return ports
              .presence()
              .page(room, cursor == null || cursor.isEmpty() ? null : cursor, limit)
              .map(
                  page -> {
                    JsonArray members = new JsonArray();
                    for (PresenceEntry e : page.entries()) {
                      members.add(
                          new JsonObject()
                              .put("user", e.user())
                              .put("connection", e.connection())
                              .put("node", e.node()));
                    }
                    return new JsonObject()
                        .put("room", room)
                        .put("presence", members)
                        .put("count", page.count())
                        .put("next", page.next());
                  });
        });
  }

  /**
   * The {@code limit} query parameter: 1 to {@value PresenceStore#MAX_PAGE}, {@code fallback} when
   * absent.
   */
  private static int limit(String text, int fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= PresenceStore.MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RequestException(
        ErrorCode.BAD_REQUEST, "limit must be a whole number from 1 to " + PresenceStore.MAX_PAGE);
  }

  private void history(RoutingContext rc) {
    withRoom(
        rc,
        (room, config) ->
            ports
                .history()
                .read(room, 0)
                .map(
                    page -> {
                      JsonArray pubs = new JsonArray();
                      for (Publication p : page.publications()) {
                        pubs.add(
                            new JsonObject()
                                .put("offset", p.offset())
                                .put("event", p.event())
                                .put("from", p.from())
                                .put("data", Json.decodeValue(p.data()))
                                .put("ts", p.ts()));
                      }
                      return new JsonObject()
                          .put("room", room)
                          .put("epoch", page.position().epoch())
                          .put("offset", page.position().offset())
                          .put("publications", pubs);
                    }));
  }

  private void putSnapshot(RoutingContext rc) {
    withRoom(
        rc,
        (room, config) -> {
          JsonObject body = body(rc);
          if (!body.containsKey("data")) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "field 'data' is required");
          }
          String event = body.getString("event", "snapshot");
          return publisher
              .putSnapshot(room, config, event, Json.encode(body.getValue("data")))
              .map(offset -> new JsonObject().put("room", room).put("offset", offset));
        });
  }

  private void getSnapshot(RoutingContext rc) {
    withRoom(
        rc,
        (room, config) ->
            ports
                .snapshots()
                .get(room)
                .map(
                    s ->
                        s == null
                            ? null
                            : new JsonObject()
                                .put("room", room)
                                .put("event", s.event())
                                .put("offset", s.offset())
                                .put(
                                    "data",
                                    Json.decodeValue(
                                        SnapshotCodec.decompress(s.data(), s.encoding())))));
  }

  private void notifyUser(RoutingContext rc) {
    ApiCalls.reply(
        rc,
        202,
        () -> {
          JsonObject body = body(rc);
          String event = Requests.requireString(body, "event");
          return gateway
              .notify(rc.pathParam("user"), event, Json.encode(body.getValue("data")))
              .map(v -> new JsonObject());
        });
  }

  private void disconnect(RoutingContext rc) {
    ApiCalls.reply(
        rc,
        202,
        () -> {
          JsonObject body = rc.body().isEmpty() ? new JsonObject() : body(rc);
          return gateway
              .disconnect(rc.pathParam("user"), body.getString("reason", "disconnected by server"))
              .map(v -> new JsonObject());
        });
  }

  private void withRoom(RoutingContext rc, ApiCalls.RoomCall call) {
    String room = rc.pathParam("room");
    ApiCalls.reply(rc, 200, () -> call.apply(room, namespaces.require(room)));
  }

  private static JsonObject body(RoutingContext rc) {
    try {
      JsonObject body = rc.body().asJsonObject();
      if (body == null) {
        throw new RequestException(ErrorCode.BAD_REQUEST, "a JSON object body is required");
      }
      return body;
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw new RequestException(ErrorCode.BAD_REQUEST, "body is not a JSON object");
    }
  }
}
