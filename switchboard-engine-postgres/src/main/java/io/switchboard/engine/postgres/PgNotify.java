package io.switchboard.engine.postgres;

import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code NOTIFY switchboard_outbox} after commits that wrote outbox rows, coalesced: at most
 * one is in flight; commits meanwhile ask for one more, sent when it is answered.
 *
 * <p>Why not inside the commit: a transaction that notifies takes PostgreSQL's global notify lock
 * at commit and holds it through the WAL flush, so notifying commits flush one at a time. pgbench
 * with the append's writes on this machine: 6.4k transactions/s without it, 3.6k with it (8
 * clients; switchboard-bench/README.md "Commands"). A notification lost to a crash between the
 * commit and the {@code NOTIFY} is what the relay's polling covers anyway (issue 8 point 4).
 */
final class PgNotify {
  private static final Logger log = LoggerFactory.getLogger(PgNotify.class);
  private static final String NOTIFY = "select pg_notify('" + PgStore.CHANNEL + "', '')";

  private final Pool pool;
  private boolean inFlight;
  private boolean again;

  PgNotify(Pool pool) {
    this.pool = pool;
  }

  /** Asks for a notification; returns at once. */
  void send() {
    synchronized (this) {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
    }
    fire();
  }

  private void fire() {
    pool.query(NOTIFY)
        .execute()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                log.debug("outbox NOTIFY failed (polling covers it): {}", ar.cause().toString());
              }
              synchronized (this) {
                if (!again) {
                  inFlight = false;
                  return;
                }
                again = false;
              }
              fire();
            });
  }
}
