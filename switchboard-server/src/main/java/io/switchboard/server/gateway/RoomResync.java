package io.switchboard.server.gateway;

import io.switchboard.core.Ports;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.server.room.Namespaces;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a {@link LocalRoom} resync needs — the whole retained history, the snapshot and, when
 * the namespace tracks presence, the first page of members with the count — and hands it back to
 * the room (issue 3: clients told the truth after a pub/sub interruption). Always completes on the
 * node's own context, never inside the room's lock.
 */
final class RoomResync implements LocalRoom.Resyncer {
  private static final Logger LOG = LoggerFactory.getLogger(RoomResync.class);

  private final Context context;
  private final Ports ports;
  private final Namespaces namespaces;

  RoomResync(Context context, Ports ports, Namespaces namespaces) {
    this.context = context;
    this.ports = ports;
    this.namespaces = namespaces;
  }

  @Override
  public void resync(LocalRoom room) {
    context.runOnContext(
        v -> {
          String name = room.name();
          Namespaces.Resolved ns = namespaces.resolve(name);
          Future<HistoryPage> page = ports.history().read(name, 0);
          Future<Snapshot> snapshot = ports.snapshots().get(name);
          Future<PresencePage> presence =
              ns.error() == null && ns.config().presence()
                  ? ports.presence().page(name, null, ns.config().presenceListLimit())
                  : Future.succeededFuture(PresencePage.EMPTY);
          Future.all(page, snapshot, presence)
              .onComplete(
                  ar -> {
                    if (ar.succeeded()) {
                      room.resynced(page.result(), snapshot.result(), presence.result());
                    } else {
                      LOG.warn(
                          "resync of room {} failed, closing its waiting members with 1013: {}",
                          name,
                          ar.cause().toString());
                      room.resyncFailed();
                    }
                  });
        });
  }
}
