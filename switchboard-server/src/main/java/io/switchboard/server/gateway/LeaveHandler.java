package io.switchboard.server.gateway;

/** {@code leave} (SPEC C1): idempotent; always answered {@code left}. */
final class LeaveHandler implements CommandHandler {
  private final GatewayContext ctx;
  private final Membership membership;

  LeaveHandler(GatewayContext ctx, Membership membership) {
    this.ctx = ctx;
    this.membership = membership;
  }

  @Override
  public void handle(Connection connection, ClientRequest request) {
    String room = request.requireString("room");
    ctx.namespaces().require(room);
    membership.leave(connection, room);
    connection.send(Frames.left(request.rawId(), room));
  }
}
