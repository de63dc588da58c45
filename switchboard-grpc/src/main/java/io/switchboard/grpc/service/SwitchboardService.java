package io.switchboard.grpc.service;

import static io.switchboard.grpc.transcode.PathSegments.encode;

import io.grpc.stub.StreamObserver;
import io.switchboard.grpc.transcode.Credentials;
import io.switchboard.grpc.transcode.HttpTwin;
import io.switchboard.grpc.transcode.StatusMapping;
import io.switchboard.grpc.v1.Accepted;
import io.switchboard.grpc.v1.DisconnectRequest;
import io.switchboard.grpc.v1.GetSnapshotRequest;
import io.switchboard.grpc.v1.HistoryReply;
import io.switchboard.grpc.v1.HistoryRequest;
import io.switchboard.grpc.v1.NotifyRequest;
import io.switchboard.grpc.v1.PresenceReply;
import io.switchboard.grpc.v1.PresenceRequest;
import io.switchboard.grpc.v1.PublishRequest;
import io.switchboard.grpc.v1.PutSnapshotRequest;
import io.switchboard.grpc.v1.RoomOffset;
import io.switchboard.grpc.v1.SendReply;
import io.switchboard.grpc.v1.SendRequest;
import io.switchboard.grpc.v1.SnapshotReply;
import io.switchboard.grpc.v1.SwitchboardGrpc;
import io.switchboard.grpc.v1.WorkflowStatusReply;
import io.switchboard.grpc.v1.WorkflowStatusRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * The {@code switchboard.v1.Switchboard} service (issue 11 point 4; {@code switchboard.proto}):
 * each RPC builds its HTTP twin's request from the message, calls it through {@link HttpTwin} and
 * turns the twin's JSON answer into the reply message ({@link Replies}). Checked here, before any
 * HTTP call, only what HTTP cannot carry: a {@code data} that is not JSON text ({@code
 * INVALID_ARGUMENT bad_request}) and a room or user that is no path segment (empty, {@code .},
 * {@code ..}).
 */
public final class SwitchboardService extends SwitchboardGrpc.SwitchboardImplBase {
  private static final String SERVER = "/api/v1/server";

  private final HttpTwin twin;

  /**
   * @param twin the node's HTTP API on loopback
   */
  public SwitchboardService(HttpTwin twin) {
    this.twin = twin;
  }

  /** {@code POST /api/v1/server/rooms/{room}/publications}. */
  @Override
  public void publish(PublishRequest q, StreamObserver<RoomOffset> out) {
    unary(
        out,
        () -> {
          JsonObject body = new JsonObject().put("event", q.getEvent());
          data(body, q.getData());
          return json(HttpMethod.POST, room(q.getRoom()) + "/publications", body)
              .map(Replies::roomOffset);
        });
  }

  /** {@code GET /api/v1/server/rooms/{room}/presence?cursor=&limit=}. */
  @Override
  public void presence(PresenceRequest q, StreamObserver<PresenceReply> out) {
    unary(
        out,
        () -> {
          StringBuilder uri = new StringBuilder(room(q.getRoom())).append("/presence");
          String sep = "?";
          if (!q.getCursor().isEmpty()) {
            uri.append(sep).append("cursor=").append(encode(q.getCursor()));
            sep = "&";
          }
          if (q.getLimit() != 0) {
            uri.append(sep).append("limit=").append(q.getLimit());
          }
          return json(HttpMethod.GET, uri.toString(), null).map(Replies::presence);
        });
  }

  /** {@code GET /api/v1/server/rooms/{room}/history}. */
  @Override
  public void history(HistoryRequest q, StreamObserver<HistoryReply> out) {
    unary(
        out,
        () -> json(HttpMethod.GET, room(q.getRoom()) + "/history", null).map(Replies::history));
  }

  /** {@code PUT /api/v1/server/rooms/{room}/snapshot}. */
  @Override
  public void putSnapshot(PutSnapshotRequest q, StreamObserver<RoomOffset> out) {
    unary(
        out,
        () -> {
          JsonObject body = new JsonObject();
          if (q.hasEvent()) {
            body.put("event", q.getEvent());
          }
          data(body, q.getData());
          return json(HttpMethod.PUT, room(q.getRoom()) + "/snapshot", body)
              .map(Replies::roomOffset);
        });
  }

  /** {@code GET /api/v1/server/rooms/{room}/snapshot}. */
  @Override
  public void getSnapshot(GetSnapshotRequest q, StreamObserver<SnapshotReply> out) {
    unary(
        out,
        () -> json(HttpMethod.GET, room(q.getRoom()) + "/snapshot", null).map(Replies::snapshot));
  }

  /** {@code POST /api/v1/server/users/{user}/notifications}. */
  @Override
  public void notify(NotifyRequest q, StreamObserver<Accepted> out) {
    unary(
        out,
        () -> {
          JsonObject body = new JsonObject().put("event", q.getEvent());
          data(body, q.getData());
          return json(HttpMethod.POST, user(q.getUser()) + "/notifications", body)
              .map(j -> Accepted.getDefaultInstance());
        });
  }

  /** {@code POST /api/v1/server/users/{user}/disconnect}. */
  @Override
  public void disconnect(DisconnectRequest q, StreamObserver<Accepted> out) {
    unary(
        out,
        () -> {
          JsonObject body = new JsonObject();
          if (q.hasReason()) {
            body.put("reason", q.getReason());
          }
          return json(HttpMethod.POST, user(q.getUser()) + "/disconnect", body)
              .map(j -> Accepted.getDefaultInstance());
        });
  }

  /**
   * {@code POST /event/send}: a 200 answer is the controller's envelope (its {@code error} when it
   * reported one); a refusal ({@code no_controller}, {@code timeout}, …) is a failed status.
   */
  @Override
  public void send(SendRequest q, StreamObserver<SendReply> out) {
    unary(
        out,
        () -> {
          JsonObject body =
              new JsonObject().put("project_id", q.getProjectId()).put("type", q.getType());
          data(body, q.getData());
          return json(HttpMethod.POST, "/event/send", body).map(Replies::send);
        });
  }

  /**
   * {@code GET /api/v1/workflow/status?workflow_id=}: a user's call, authenticated by {@code
   * authorization: Bearer <jwt>}; the reply is the twin's body as it was sent.
   */
  @Override
  public void workflowStatus(WorkflowStatusRequest q, StreamObserver<WorkflowStatusReply> out) {
    unary(
        out,
        () ->
            twin.call(
                    HttpMethod.GET,
                    "/api/v1/workflow/status?workflow_id=" + encode(q.getWorkflowId()),
                    null,
                    Credentials.current())
                .map(r -> WorkflowStatusReply.newBuilder().setJson(r.bodyAsString()).build()));
  }

  private Future<JsonObject> json(HttpMethod method, String uri, JsonObject body) {
    String path = uri.startsWith("/event/") ? uri : SERVER + uri;
    return twin.call(method, path, body, Credentials.current())
        .map(
            r ->
                r.body() == null || r.body().length() == 0
                    ? new JsonObject()
                    : r.bodyAsJsonObject());
  }

  /**
   * Puts {@code data} (JSON text; empty: absent) into {@code body}, refusing text that is no JSON.
   */
  private static void data(JsonObject body, String data) {
    if (data.isEmpty()) {
      return;
    }
    try {
      body.put("data", Json.decodeValue(data));
    } catch (DecodeException e) {
      throw StatusMapping.failure(400, "bad_request", "data is not valid JSON text");
    }
  }

  private static String room(String room) {
    if (room.isEmpty() || room.equals(".") || room.equals("..")) {
      throw StatusMapping.failure(400, "invalid_room", "room must be namespace:name");
    }
    return "/rooms/" + encode(room);
  }

  private static String user(String user) {
    if (user.isEmpty() || user.equals(".") || user.equals("..")) {
      throw StatusMapping.failure(400, "bad_request", "user is required");
    }
    return "/users/" + encode(user);
  }

  /** Runs one call; its failure, thrown or in the future, ends the call with its status. */
  private static <T> void unary(StreamObserver<T> out, Supplier<Future<T>> call) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        r -> {
          try {
            if (r.succeeded()) {
              out.onNext(r.result());
              out.onCompleted();
            } else {
              out.onError(status(r.cause()));
            }
          } catch (IllegalStateException cancelled) {
            // the caller went away (cancelled, deadline): nobody to answer
          }
        });
  }

  private static Throwable status(Throwable e) {
    if (e instanceof io.grpc.StatusRuntimeException || e instanceof io.grpc.StatusException) {
      return e;
    }
    return io.grpc.Status.INTERNAL
        .withDescription("internal: " + e.getClass().getSimpleName())
        .withCause(e)
        .asRuntimeException();
  }
}
