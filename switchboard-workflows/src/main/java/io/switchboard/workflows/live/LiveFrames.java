package io.switchboard.workflows.live;

import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RoomPublisher;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a transition's frames to the room {@code workflow:<id>} through the node's one publish
 * path (SPEC C3: "the same workflow is also a room {@code workflow:<id>}"), after the transition
 * committed: event = the frame's type, data = the whole frame {@code {type, workflow_id, data,
 * message}}, so a watcher on any node gets it. A frame that cannot be published is logged, not
 * retried: the workflow's state is in the store, and the room's snapshot is the latest frame. With
 * no {@code workflow} namespace configured nothing is published.
 */
public final class LiveFrames {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFrames.class);

  /** The namespace of the workflow rooms. */
  public static final String NAMESPACE = "workflow";

  private final RoomPublisher publisher;
  private final NamespaceConfig config;

  /**
   * @param publisher the node's publish path
   * @param namespaces the node's room policy
   */
  public LiveFrames(RoomPublisher publisher, Namespaces namespaces) {
    this.publisher = publisher;
    Namespaces.Resolved r = namespaces.resolve(NAMESPACE + ":x");
    this.config = r.config();
    if (config == null) {
      LOG.warn("no '{}' namespace configured: workflow frames are not published", NAMESPACE);
    }
  }

  /** The room of a workflow. */
  public static String room(String workflowId) {
    return NAMESPACE + ":" + workflowId;
  }

  /**
   * Publishes {@code frames} in order.
   *
   * @return completes when all were published (or skipped); never fails
   */
  public Future<Void> publish(String workflowId, List<Frame> frames) {
    if (config == null || frames.isEmpty()) {
      return Future.succeededFuture();
    }
    String room = room(workflowId);
    Future<Void> chain = Future.succeededFuture();
    for (Frame f : frames) {
      chain =
          chain.compose(
              v ->
                  publisher
                      .publish(
                          room,
                          config,
                          new PublicationDraft(f.type(), f.toJson(workflowId).encode(), null))
                      .<Void>mapEmpty()
                      .recover(
                          e -> {
                            LOG.warn(
                                "frame {} to {} not published: {}", f.type(), room, e.toString());
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }
}
