package io.switchboard.server.gateway;

import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RequestException;
import io.switchboard.server.room.Requests;

/**
 * {@code publish} (SPEC C1): broadcast to the room, append to its history, forward through the
 * event buffer when the namespace says so; reply {@code ack} with the assigned offset. The
 * publisher need not be a member; the namespace's {@code publish} access decides. One connection's
 * publications get offsets in the order it sent them, on every engine: each starts when the
 * previous one of the same connection has completed. At most {@code client.maxPendingPublishes} may
 * wait so (issue 7); one more is answered {@code rate_limited} and not published.
 */
final class PublishHandler implements CommandHandler {
  private final GatewayContext ctx;

  PublishHandler(GatewayContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(Connection connection, ClientRequest request) {
    String room = request.requireString("room");
    String event = request.requireString("event");
    Requests.eventName(event);
    NamespaceConfig config = ctx.namespaces().require(room);
    if (!Namespaces.allows(config.publish(), config, connection.principal(), room)) {
      throw new RequestException(ErrorCode.FORBIDDEN, "not allowed to publish in " + room);
    }
    int max = ctx.client().maxPendingPublishes();
    if (connection.pendingPublishes() >= max) {
      throw new RequestException(
          ErrorCode.RATE_LIMITED,
          max
              + " publishes are already waiting for their ack;"
              + " wait for them before publishing more");
    }
    String rawId = request.rawId();
    PublicationDraft draft =
        new PublicationDraft(event, request.rawJson("data"), connection.user());
    connection
        .afterPreviousPublish(() -> ctx.publisher().publish(room, config, draft))
        .onSuccess(p -> connection.send(Frames.ack(rawId, room, p.offset())))
        .onFailure(
            e -> {
              ErrorCode code = e instanceof RequestException r ? r.code() : ErrorCode.UNAVAILABLE;
              ctx.metrics().error(code);
              connection.send(
                  Frames.error(
                      rawId,
                      code,
                      e instanceof RequestException
                          ? e.getMessage()
                          : "publish failed: engine unavailable"));
            });
  }
}
