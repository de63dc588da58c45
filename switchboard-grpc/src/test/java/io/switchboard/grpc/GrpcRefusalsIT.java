package io.switchboard.grpc;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.grpc.testing.GrpcNode;
import io.switchboard.grpc.v1.HistoryRequest;
import io.switchboard.grpc.v1.NotifyRequest;
import io.switchboard.grpc.v1.PresenceRequest;
import io.switchboard.grpc.v1.PublishRequest;
import io.switchboard.grpc.v1.PutSnapshotRequest;
import io.switchboard.grpc.v1.SwitchboardGrpc.SwitchboardBlockingStub;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Refusals (issue 11 point 5, "bad input everywhere"): without or with a wrong API key the call is
 * {@code UNAUTHENTICATED} and nothing is published; a bad room, bad JSON data, a bad limit or a
 * missing field is {@code INVALID_ARGUMENT} with the HTTP twin's code and message, and nothing is
 * stored.
 */
class GrpcRefusalsIT {
  static final String BASE = "/api/v1/server";
  static GrpcNode node;

  @BeforeAll
  static void start() {
    node = GrpcNode.start(MemoryEngine.ports(), c -> c, List.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String room() {
    return "chat:r-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static StatusRuntimeException refused(Executable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::execute);
  }

  static PublishRequest publish(String room, String data) {
    return PublishRequest.newBuilder().setRoom(room).setEvent("message").setData(data).build();
  }

  /** The room's history through HTTP: its publications. */
  static int stored(String room) {
    HttpResponse<Buffer> r = node.api(GET, BASE + "/rooms/" + room + "/history", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("publications").size();
  }

  @Test
  void withoutAnyKeyTheCallIsUnauthenticatedAndNothingIsPublished() {
    String room = room();
    StatusRuntimeException e = refused(() -> node.anonymous().publish(publish(room, "1")));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(GrpcNode.errorCode(e)).isEqualTo("unauthorized");
    assertThat(stored(room)).isZero();
  }

  @Test
  void aWrongKeyIsUnauthenticatedAsTheHttp401AndNothingIsPublished() {
    String room = room();
    HttpResponse<Buffer> http =
        node.call(
            POST,
            BASE + "/rooms/" + room + "/publications",
            new JsonObject().put("event", "message").put("data", 1),
            "X-API-Key",
            "wrong-key-0123456789");
    for (SwitchboardBlockingStub stub :
        List.of(
            node.withHeader("x-api-key", "wrong-key-0123456789"),
            node.withHeader("authorization", "apikey wrong-key-0123456789"),
            node.withHeader("authorization", "Bearer " + node.node.token("ann")))) {
      StatusRuntimeException e = refused(() -> stub.publish(publish(room, "1")));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription())
          .isEqualTo(
              GrpcNode.error(http).getString("code")
                  + ": "
                  + GrpcNode.error(http).getString("message"));
      assertThat(GrpcNode.httpStatus(e))
          .isEqualTo("401")
          .isEqualTo(String.valueOf(http.statusCode()));
    }
    assertThat(stored(room)).isZero();
  }

  @Test
  void theKeyInAuthorizationIsAcceptedAsOverHttp() {
    String room = room();
    node.withHeader("authorization", "apikey " + TestNode.API_KEY).publish(publish(room, "1"));
    assertThat(stored(room)).isEqualTo(1);
  }

  @Test
  void anInvalidRoomIsInvalidArgumentWithTheHttpMessage() {
    for (String bad :
        List.of("noseparator", "user:bob", "chat:bad room", "chat:" + "x".repeat(300))) {
      HttpResponse<Buffer> http =
          node.api(
              POST,
              BASE
                  + "/rooms/"
                  + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8)
                      .replace("+", "%20")
                  + "/publications",
              new JsonObject().put("event", "message").put("data", 1));
      StatusRuntimeException e = refused(() -> node.withKey().publish(publish(bad, "1")));
      assertThat(http.statusCode()).as(bad).isEqualTo(400);
      assertThat(e.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(GrpcNode.errorCode(e)).as(bad).isEqualTo("invalid_room");
      assertThat(e.getStatus().getDescription())
          .as(bad)
          .isEqualTo("invalid_room: " + GrpcNode.error(http).getString("message"));
    }
    StatusRuntimeException empty = refused(() -> node.withKey().publish(publish("", "1")));
    assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void anUnknownNamespaceIsNotFoundAsTheHttp404() {
    StatusRuntimeException e =
        refused(
            () -> node.withKey().history(HistoryRequest.newBuilder().setRoom("nope:1").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(GrpcNode.errorCode(e)).isEqualTo("unknown_namespace");
  }

  @Test
  void dataThatIsNoJsonIsInvalidArgumentAndNothingIsStored() {
    String room = room();
    for (String bad : List.of("{", "{\"a\":}", "hello", "1 2", "[1,]")) {
      StatusRuntimeException e = refused(() -> node.withKey().publish(publish(room, bad)));
      assertThat(e.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(GrpcNode.errorCode(e)).as(bad).isEqualTo("bad_request");
      assertThat(e.getStatus().getDescription()).as(bad).contains("data is not valid JSON");
      StatusRuntimeException snapshot =
          refused(
              () ->
                  node.withKey()
                      .putSnapshot(
                          PutSnapshotRequest.newBuilder().setRoom(room).setData(bad).build()));
      assertThat(snapshot.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      StatusRuntimeException notify =
          refused(
              () ->
                  node.withKey()
                      .notify(
                          NotifyRequest.newBuilder()
                              .setUser("u")
                              .setEvent("e")
                              .setData(bad)
                              .build()));
      assertThat(notify.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(stored(room)).isZero();
    assertThat(node.api(GET, BASE + "/rooms/" + room + "/snapshot", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aMissingEventOrSnapshotDataIsTheHttpBadRequest() {
    String room = room();
    HttpResponse<Buffer> http =
        node.api(
            POST, BASE + "/rooms/" + room + "/publications", new JsonObject().put("event", ""));
    StatusRuntimeException e =
        refused(() -> node.withKey().publish(PublishRequest.newBuilder().setRoom(room).build()));
    assertThat(http.statusCode()).isEqualTo(400);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            GrpcNode.error(http).getString("code")
                + ": "
                + GrpcNode.error(http).getString("message"));
    StatusRuntimeException noData =
        refused(
            () ->
                node.withKey().putSnapshot(PutSnapshotRequest.newBuilder().setRoom(room).build()));
    assertThat(noData.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(noData.getStatus().getDescription())
        .isEqualTo("bad_request: field 'data' is required");
    assertThat(stored(room)).isZero();
  }

  @Test
  void aLimitOutOfRangeIsTheHttpBadRequest() {
    String room = room();
    for (int limit : new int[] {-1, 1001}) {
      HttpResponse<Buffer> http =
          node.api(GET, BASE + "/rooms/" + room + "/presence?limit=" + limit, null);
      StatusRuntimeException e =
          refused(
              () ->
                  node.withKey()
                      .presence(
                          PresenceRequest.newBuilder().setRoom(room).setLimit(limit).build()));
      assertThat(http.statusCode()).isEqualTo(400);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription())
          .isEqualTo("bad_request: " + GrpcNode.error(http).getString("message"));
    }
  }

  @Test
  void aBodyOverTheHttpLimitIsResourceExhaustedAsTheHttp413AndNothingIsStored() {
    String room = room();
    String big = "\"" + "x".repeat(node.node.config.server().maxBodyBytes()) + "\"";
    HttpResponse<Buffer> http =
        node.api(
            POST,
            BASE + "/rooms/" + room + "/publications",
            new JsonObject()
                .put("event", "message")
                .put("data", big.substring(1, big.length() - 1)));
    StatusRuntimeException e = refused(() -> node.withKey().publish(publish(room, big)));
    assertThat(http.statusCode()).isEqualTo(413);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(GrpcNode.httpStatus(e)).isEqualTo("413");
    assertThat(stored(room)).isZero();
  }

  @Test
  void aMessageOverGrpcMaxMessageBytesIsRefusedBeforeAnyHttpCall() {
    String room = room();
    String huge = "\"" + "x".repeat(node.node.config.grpc().maxMessageBytes()) + "\"";
    StatusRuntimeException e = refused(() -> node.withKey().publish(publish(room, huge)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(GrpcNode.httpStatus(e)).isNull();
    assertThat(stored(room)).isZero();
  }

  static double calls(String method, String code) {
    try {
      return node.node.metric(
          "switchboard_grpc_calls_total{code=\"" + code + "\",method=\"" + method + "\"}");
    } catch (AssertionError none) {
      return 0;
    }
  }

  @Test
  void everyAnsweredCallIsCountedByMethodAndCode() {
    double ok = calls("Publish", "OK");
    double invalid = calls("Publish", "INVALID_ARGUMENT");
    double unauthenticated = calls("History", "UNAUTHENTICATED");
    node.withKey().publish(publish(room(), "1"));
    refused(() -> node.withKey().publish(publish("noseparator", "1")));
    refused(() -> node.anonymous().history(HistoryRequest.newBuilder().setRoom(room()).build()));
    assertThat(calls("Publish", "OK")).isEqualTo(ok + 1);
    assertThat(calls("Publish", "INVALID_ARGUMENT")).isEqualTo(invalid + 1);
    assertThat(calls("History", "UNAUTHENTICATED")).isEqualTo(unauthenticated + 1);
  }
}
