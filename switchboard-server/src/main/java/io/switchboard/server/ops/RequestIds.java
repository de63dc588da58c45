package io.switchboard.server.ops;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id of the HTTP request being handled, for log lines (SPEC C5 "request ids"; issue 11
 * point 2: "present in every log line of the request"). Vert.x handles each HTTP request on a
 * duplicated context of its own that follows the request through every callback (store, Redis and
 * broker replies, worker threads); {@link HttpEdge} puts the id in that context's local storage and
 * {@link #current()} reads it wherever the request's code logs, on any thread. The app's logging
 * configuration puts it in every line ({@code requestId} in the text pattern and in the JSON logs).
 *
 * <p>A context local must be registered before the first {@link Vertx} is created: Vert.x finds
 * this class as a {@link VertxServiceProvider} ({@code META-INF/services}) before it takes the list
 * of locals, which is the way its documentation gives ({@link ContextLocal}). That is the one use
 * of a Vert.x internal type outside the WebSocket pipeline ({@code ArchitectureTest}).
 */
public final class RequestIds implements VertxServiceProvider {
  private static final ContextLocal<String> KEY = ContextLocal.registerLocal(String.class);

  /** Loaded by Vert.x's service loader; registers the local. */
  public RequestIds() {}

  /** Nothing to configure: loading the class registered the local. */
  @Override
  public void init(VertxBootstrap builder) {}

  /**
   * Sets the request id of the current (duplicated) context.
   *
   * @param id the request's id, as echoed in {@code X-Request-Id}
   */
  static void set(String id) {
    Context c = Vertx.currentContext();
    if (c != null) {
      try {
        c.putLocal(KEY, id);
      } catch (RuntimeException notRegistered) {
        // a Vert.x created without the service loader: no request ids in logs, nothing else lost
      }
    }
  }

  /**
   * The id of the HTTP request whose code is running on this thread now.
   *
   * @return the id, or {@code null} outside an HTTP request (WebSocket frames, timers, start-up)
   */
  public static String current() {
    Context c = Vertx.currentContext();
    if (c == null) {
      return null;
    }
    try {
      return c.getLocal(KEY);
    } catch (RuntimeException notRegistered) {
      return null;
    }
  }
}
