package io.switchboard.server.gateway;

import io.switchboard.server.room.RequestException;

/** Handles one client command type of {@code switchboard.v1} (SPEC C1 "Client → server"). */
interface CommandHandler {

  /**
   * Carries out one request; replies through {@link Connection#send}. Runs on the connection's
   * event loop and must not block.
   *
   * @throws RequestException for a request that is rejected before any effect
   */
  void handle(Connection connection, ClientRequest request);
}
