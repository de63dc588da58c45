package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceStore;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RequestException;

/**
 * {@code presence} (SPEC C1): one page of a room's members, oldest join first, with the room's
 * member count and the cursor of the next page, for connections in the room or allowed to join it.
 * Optional fields: {@code limit} (1 to {@value PresenceStore#MAX_PAGE}, default the namespace's
 * {@code presenceListLimit}) and {@code cursor} (a previous reply's {@code next}). A namespace with
 * presence off answers {@code forbidden}.
 */
final class PresenceHandler implements CommandHandler {
  private final GatewayContext ctx;

  PresenceHandler(GatewayContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(Connection connection, ClientRequest request) {
    String room = request.requireString("room");
    NamespaceConfig config = ctx.namespaces().require(room);
    if (!config.presence()) {
      throw new RequestException(ErrorCode.FORBIDDEN, "presence is not tracked in this namespace");
    }
    if (!connection.rooms().contains(room)
        && !Namespaces.allows(config.join(), config, connection.principal(), room)) {
      throw new RequestException(ErrorCode.FORBIDDEN, "not allowed to see presence of " + room);
    }
    String cursor = request.optionalString("cursor");
    int limit = request.optionalInt("limit", 1, PresenceStore.MAX_PAGE, config.presenceListLimit());
    String rawId = request.rawId();
    ctx.ports()
        .presence()
        .page(room, cursor, limit)
        .onSuccess(page -> connection.send(Frames.presence(rawId, room, page)))
        .onFailure(
            e ->
                connection.send(
                    Frames.error(rawId, ErrorCode.UNAVAILABLE, "presence read failed")));
  }
}
