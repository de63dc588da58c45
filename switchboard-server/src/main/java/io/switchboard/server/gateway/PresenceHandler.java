package io.switchboard.server.gateway;

import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;

import io.switchboard.server.config.NamespaceConfig;

/**
 * {@code presence} (SPEC C1): the full member list of a room, for connections that may join it.
 * A namespace with presence off answers {@code forbidden}.
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
    String rawId = request.rawId();
    ctx.ports().presence().list(room)
        .onSuccess(list -> connection.send(Frames.presence(rawId, room, list)))
        .onFailure(e -> connection.send(Frames.error(rawId, ErrorCode.UNAVAILABLE, "presence read failed")));
  }
}
