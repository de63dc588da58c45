package io.switchboard.tunnel.wire;

import io.vertx.core.json.JsonObject;

/**
 * The tunnel's messages between nodes, on its own pub/sub channels (SPEC C4): a request goes to the
 * node chosen to deliver it on {@code <tunnel.requestChannel>.<node>}, its outcome back to the node
 * that waits for it on {@code <tunnel.responseChannel>.<node>} — one channel per node, so neither
 * costs more as the cluster grows (seed 000 broadcast both to every node).
 */
public final class Relays {
  private Relays() {}

  /**
   * A request for another node to deliver.
   *
   * @param request the envelope to send to a controller
   * @param origin the node whose {@code /event/send} waits for the outcome
   */
  public record Request(Envelope request, String origin) {
    /** {@code {"origin", "envelope"}} as JSON text. */
    public String encode() {
      return new JsonObject().put("origin", origin).put("envelope", request.toJson()).encode();
    }

    /**
     * @throws IllegalArgumentException if the text is not an encoded request
     */
    public static Request decode(String text) {
      JsonObject j = new JsonObject(text);
      return new Request(Envelope.from(j.getJsonObject("envelope")), j.getString("origin"));
    }
  }

  /**
   * A request's outcome, for the node that waits for it.
   *
   * @param status the HTTP status {@code /event/send} answers: 200 with the controller's reply, 502
   *     when the controller went away, 503 when there was none to take it
   * @param reply the controller's reply, or the node's failure envelope
   */
  public record Outcome(int status, Envelope reply) {
    /** 503 {@code no_controller}: no controller of the request's project took it. */
    public static Outcome noController(Envelope request) {
      return new Outcome(
          503,
          Envelope.failure(request, "no_controller", "no controller of the project is connected"));
    }

    /** {@code {"status", "envelope"}} as JSON text. */
    public String encode() {
      return new JsonObject().put("status", status).put("envelope", reply.toJson()).encode();
    }

    /**
     * @throws IllegalArgumentException if the text is not an encoded outcome
     */
    public static Outcome decode(String text) {
      JsonObject j = new JsonObject(text);
      return new Outcome(j.getInteger("status"), Envelope.from(j.getJsonObject("envelope")));
    }
  }

  /**
   * A controller accepted by a node, announced to every node on {@code
   * <tunnel.requestChannel>~connected} so that a {@code connection_id} reused on another node
   * replaces the older connection there (docs/tunnel.md).
   *
   * @param project the controller's project
   * @param connectionId its {@code connection_id}
   * @param node the node that accepted it
   * @param at when it was accepted, epoch milliseconds (the newer connection stays; equal times go
   *     to the greater node id)
   */
  public record Connected(String project, String connectionId, String node, long at) {
    /** {@code {"project_id", "connection_id", "node", "at"}} as JSON text. */
    public String encode() {
      return new JsonObject()
          .put("project_id", project)
          .put("connection_id", connectionId)
          .put("node", node)
          .put("at", at)
          .encode();
    }

    /**
     * @throws IllegalArgumentException if the text is not an encoded announcement
     */
    public static Connected decode(String text) {
      JsonObject j = new JsonObject(text);
      Long at = j.getLong("at");
      if (j.getString("project_id") == null
          || j.getString("connection_id") == null
          || j.getString("node") == null
          || at == null) {
        throw new IllegalArgumentException("not a connection announcement: " + text);
      }
      return new Connected(
          j.getString("project_id"), j.getString("connection_id"), j.getString("node"), at);
    }
  }
}
