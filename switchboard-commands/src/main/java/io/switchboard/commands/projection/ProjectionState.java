package io.switchboard.commands.projection;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Position;
import io.vertx.core.json.JsonObject;

/**
 * Which versions of a projection exist (SPEC C2: projections rebuilt without stopping the service):
 * the document {@code projections/<name>} = {@code {active, building?, position?, node?, at?}}.
 * Live writes go to {@code active} and, during a rebuild, to {@code building} too; queries read
 * {@code active}. A rebuild records its progress ({@code position} in the global order, the {@code
 * node} running it and when it last wrote, {@code at}) in the same transaction as what it applied.
 *
 * @param active the version queries read, 1 or more (1 before any rebuild)
 * @param building the version a rebuild fills, or {@code null}
 * @param position how far the rebuild has read, or {@code null}
 * @param node the rebuild run holding the projection ({@code <node id>/<run id>}), or {@code null}
 *     when none runs
 * @param at when the rebuild last wrote, epoch milliseconds (0 without one)
 * @param revision the state document's revision (0: never written)
 */
public record ProjectionState(
    int active, Integer building, Position position, String node, long at, long revision) {
  /** The collection holding the states. */
  public static final String COLLECTION = "projections";

  /** Before any rebuild: version 1 active. */
  public static final ProjectionState INITIAL = new ProjectionState(1, null, null, null, 0, 0);

  /** Reads a state document; {@code null} is {@link #INITIAL}. */
  public static ProjectionState of(Document doc) {
    if (doc == null) {
      return INITIAL;
    }
    JsonObject j = new JsonObject(doc.json());
    String p = j.getString("position");
    return new ProjectionState(
        j.getInteger("active", 1),
        j.getInteger("building"),
        p == null ? null : Position.parse(p),
        j.getString("node"),
        j.getLong("at", 0L),
        doc.revision());
  }

  /** The document form (without the revision). */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("active", active);
    if (building != null) {
      j.put("building", building);
    }
    if (position != null) {
      j.put("position", position.toString());
    }
    if (node != null) {
      j.put("node", node).put("at", at);
    }
    return j;
  }

  /** Whether a rebuild run holds the projection and wrote within {@code staleMillis}. */
  public boolean rebuilding(long now, long staleMillis) {
    return node != null && now - at < staleMillis;
  }

  /** The collection of a projection version: {@code <name>.v<version>}. */
  public static String collection(String projection, int version) {
    return projection + ".v" + version;
  }

  /** Its per-stream checkpoints: {@code <name>.v<version>.checkpoints}, keyed by stream. */
  public static String checkpoints(String projection, int version) {
    return collection(projection, version) + ".checkpoints";
  }
}
