package io.switchboard.tunnel.controller;

import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One controller connection (SPEC C4): its project, the {@code connection_id} it announced, the
 * project token it proved, and the requests it was sent and has not answered — the only ids whose
 * replies it may send. Thread-safe: requests are sent from any event loop, replies arrive on the
 * socket's own.
 */
public final class ControllerSocket {
  private final ServerWebSocket ws;
  private final String project;
  private final String connectionId;
  private final String tokenId;
  private final Map<String, Object> inFlight = new ConcurrentHashMap<>();
  private final long connectedAt = System.currentTimeMillis();
  private volatile long lastSeen = System.nanoTime();
  private volatile boolean closed;

  /**
   * @param ws the accepted WebSocket
   * @param project the {@code project_id} of the upgrade
   * @param connectionId the {@code connection_id} header
   * @param tokenId the id of the project token it presented (revoking it closes the socket)
   */
  public ControllerSocket(ServerWebSocket ws, String project, String connectionId, String tokenId) {
    this.ws = Objects.requireNonNull(ws, "ws");
    this.project = project;
    this.connectionId = connectionId;
    this.tokenId = tokenId;
  }

  /** The project. */
  public String project() {
    return project;
  }

  /** The controller's own {@code connection_id}. */
  public String connectionId() {
    return connectionId;
  }

  /** The id of the token it connected with. */
  public String tokenId() {
    return tokenId;
  }

  /** When the node accepted it, epoch milliseconds. */
  public long connectedAt() {
    return connectedAt;
  }

  /** How many requests it was sent and has not answered. */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * Records that request {@code id} goes to this controller, then sends the frame.
   *
   * @param id the request id
   * @param delivery what the reply completes, handed back by {@link #answered}
   * @param frame the encoded request envelope
   * @return false, sending nothing, if the socket is closed
   */
  public boolean send(String id, Object delivery, String frame) {
    if (closed) {
      return false;
    }
    inFlight.put(id, delivery);
    ws.writeTextMessage(frame);
    return true;
  }

  /**
   * Takes request {@code id} out of the requests in flight: a reply to it is accepted once.
   *
   * @return what {@link #send} recorded, or {@code null} if this socket was not sent {@code id} or
   *     it was answered or given up already
   */
  public Object answered(String id) {
    return inFlight.remove(id);
  }

  /** Marks the socket closed and takes every request in flight out, for failing them. */
  Map<String, Object> drain() {
    closed = true;
    Map<String, Object> left = Map.copyOf(inFlight);
    left.keySet().forEach(inFlight::remove);
    return left;
  }

  /** Records that a frame (or pong) arrived now. */
  void seen() {
    lastSeen = System.nanoTime();
  }

  /** When a frame last arrived, in {@link System#nanoTime()}. */
  long lastSeen() {
    return lastSeen;
  }

  /** The WebSocket. */
  ServerWebSocket ws() {
    return ws;
  }

  /** Closes the WebSocket with {@code code} and {@code reason}; its close handler cleans up. */
  public void close(short code, String reason) {
    closed = true;
    ws.close(code, reason);
  }
}
