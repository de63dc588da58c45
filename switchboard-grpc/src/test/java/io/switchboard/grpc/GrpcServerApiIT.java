package io.switchboard.grpc;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.grpc.testing.GrpcNode;
import io.switchboard.grpc.v1.DisconnectRequest;
import io.switchboard.grpc.v1.GetSnapshotRequest;
import io.switchboard.grpc.v1.HistoryReply;
import io.switchboard.grpc.v1.HistoryRequest;
import io.switchboard.grpc.v1.NotifyRequest;
import io.switchboard.grpc.v1.PresenceEntry;
import io.switchboard.grpc.v1.PresenceReply;
import io.switchboard.grpc.v1.PresenceRequest;
import io.switchboard.grpc.v1.PublishRequest;
import io.switchboard.grpc.v1.PutSnapshotRequest;
import io.switchboard.grpc.v1.RoomOffset;
import io.switchboard.grpc.v1.SnapshotReply;
import io.switchboard.server.testing.TestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every server API RPC equals its HTTP twin on the same node and data (issue 11 point 5): what one
 * side writes the other reads, and the answers carry the same JSON content.
 */
class GrpcServerApiIT {
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

  static String room(String ns) {
    return ns + ":g-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** History as the gRPC reply, in the HTTP twin's JSON shape. */
  static JsonObject asJson(HistoryReply h) {
    JsonArray pubs = new JsonArray();
    h.getPublicationsList()
        .forEach(
            p ->
                pubs.add(
                    new JsonObject()
                        .put("offset", p.getOffset())
                        .put("event", p.getEvent())
                        .put("from", p.hasFrom() ? p.getFrom() : null)
                        .put("data", io.vertx.core.json.Json.decodeValue(p.getData()))
                        .put("ts", p.getTs())));
    return new JsonObject()
        .put("room", h.getRoom())
        .put("epoch", h.getEpoch())
        .put("offset", h.getOffset())
        .put("publications", pubs);
  }

  @Test
  void aPublicationThroughGrpcIsInTheHttpHistoryAndTheOtherWayRound() {
    String room = room("chat");
    RoomOffset published =
        node.withKey()
            .publish(
                PublishRequest.newBuilder()
                    .setRoom(room)
                    .setEvent("message")
                    .setData("{\"text\":\"hi\",\"n\":[1,2]}")
                    .build());
    assertThat(published.getRoom()).isEqualTo(room);
    JsonObject viaHttp =
        node.api(
                POST,
                BASE + "/rooms/" + room + "/publications",
                new JsonObject().put("event", "message").put("data", new JsonObject().put("n", 3)))
            .bodyAsJsonObject();
    assertThat(viaHttp.getLong("offset")).isEqualTo(published.getOffset() + 1);

    JsonObject httpHistory =
        node.api(GET, BASE + "/rooms/" + room + "/history", null).bodyAsJsonObject();
    HistoryReply grpcHistory =
        node.withKey().history(HistoryRequest.newBuilder().setRoom(room).build());
    assertThat(asJson(grpcHistory)).isEqualTo(httpHistory);
    assertThat(httpHistory.getJsonArray("publications").getJsonObject(0).getJsonObject("data"))
        .isEqualTo(new JsonObject().put("text", "hi").put("n", new JsonArray().add(1).add(2)));
    assertThat(grpcHistory.getPublications(1).getData()).isEqualTo("{\"n\":3}");
  }

  @Test
  void dataLeftEmptyIsJsonNullAsWhenHttpLeavesItOut() {
    String room = room("chat");
    node.withKey().publish(PublishRequest.newBuilder().setRoom(room).setEvent("ping").build());
    JsonObject p =
        node.api(GET, BASE + "/rooms/" + room + "/history", null)
            .bodyAsJsonObject()
            .getJsonArray("publications")
            .getJsonObject(0);
    assertThat(p.containsKey("data")).isTrue();
    assertThat(p.getValue("data")).isNull();
  }

  @Test
  void presenceEqualsTheHttpPageIncludingItsCursor() {
    String room = room("chat");
    try (TestClient a = node.node.connect("ann");
        TestClient b = node.node.connect("bob")) {
      a.join(room);
      b.join(room);
      JsonObject http =
          node.api(GET, BASE + "/rooms/" + room + "/presence?limit=1", null).bodyAsJsonObject();
      PresenceReply grpc =
          node.withKey().presence(PresenceRequest.newBuilder().setRoom(room).setLimit(1).build());
      assertThat(grpc.getCount()).isEqualTo(2).isEqualTo(http.getLong("count"));
      assertThat(grpc.getPresenceCount()).isEqualTo(1);
      PresenceEntry e = grpc.getPresence(0);
      JsonObject first = http.getJsonArray("presence").getJsonObject(0);
      assertThat(
              new JsonObject()
                  .put("user", e.getUser())
                  .put("connection", e.getConnection())
                  .put("node", e.getNode()))
          .isEqualTo(first);
      assertThat(grpc.hasNext()).isTrue();
      assertThat(grpc.getNext()).isEqualTo(http.getString("next"));
      PresenceReply second =
          node.withKey()
              .presence(
                  PresenceRequest.newBuilder()
                      .setRoom(room)
                      .setCursor(grpc.getNext())
                      .setLimit(1)
                      .build());
      JsonObject httpSecond =
          node.api(
                  GET,
                  BASE
                      + "/rooms/"
                      + room
                      + "/presence?limit=1&cursor="
                      + java.net.URLEncoder.encode(
                          http.getString("next"), java.nio.charset.StandardCharsets.UTF_8),
                  null)
              .bodyAsJsonObject();
      assertThat(second.getPresence(0).getUser())
          .isEqualTo(httpSecond.getJsonArray("presence").getJsonObject(0).getString("user"))
          .isNotEqualTo(e.getUser());
      assertThat(second.hasNext()).isEqualTo(httpSecond.getString("next") != null);
    }
  }

  @Test
  void aSnapshotPutThroughOneSideIsReadThroughTheOther() {
    String room = room("board");
    RoomOffset put =
        node.withKey()
            .putSnapshot(
                PutSnapshotRequest.newBuilder()
                    .setRoom(room)
                    .setEvent("board.state")
                    .setData("{\"cards\":[\"a\"]}")
                    .build());
    JsonObject http = node.api(GET, BASE + "/rooms/" + room + "/snapshot", null).bodyAsJsonObject();
    assertThat(http)
        .isEqualTo(
            new JsonObject()
                .put("room", room)
                .put("event", "board.state")
                .put("offset", put.getOffset())
                .put("data", new JsonObject().put("cards", new JsonArray().add("a"))));
    JsonObject httpPut =
        node.api(PUT, BASE + "/rooms/" + room + "/snapshot", new JsonObject().put("data", 42))
            .bodyAsJsonObject();
    SnapshotReply grpc =
        node.withKey().getSnapshot(GetSnapshotRequest.newBuilder().setRoom(room).build());
    assertThat(grpc.getEvent()).isEqualTo("snapshot");
    assertThat(grpc.getOffset()).isEqualTo(httpPut.getLong("offset"));
    assertThat(grpc.getData()).isEqualTo("42");
  }

  @Test
  void noSnapshotIsNotFoundAsTheHttp404() {
    String room = room("board");
    int status = node.api(GET, BASE + "/rooms/" + room + "/snapshot", null).statusCode();
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.withKey().getSnapshot(GetSnapshotRequest.newBuilder().setRoom(room).build()));
    assertThat(status).isEqualTo(404);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(GrpcNode.errorCode(e)).isEqualTo("not_found");
    assertThat(GrpcNode.httpStatus(e)).isEqualTo("404");
  }

  @Test
  void aNotificationReachesTheUsersSocket() {
    try (TestClient carol = node.node.connect("carol")) {
      node.withKey()
          .notify(
              NotifyRequest.newBuilder()
                  .setUser("carol")
                  .setEvent("command.applied")
                  .setData("{\"id\":7}")
                  .build());
      JsonObject n = carol.expect("notification");
      assertThat(n.getString("event")).isEqualTo("command.applied");
      assertThat(n.getJsonObject("data")).isEqualTo(new JsonObject().put("id", 7));
    }
  }

  @Test
  void aDisconnectClosesTheUsersSocketWith4004() {
    try (TestClient erin = node.node.connect("erin");
        TestClient frank = node.node.connect("frank")) {
      node.withKey()
          .disconnect(DisconnectRequest.newBuilder().setUser("erin").setReason("banned").build());
      assertThat(erin.awaitClose()).isEqualTo((short) 4004);
      frank.assertAlive();
    }
  }

  @Test
  void aRoomNameWithASlashTravelsAsOnePathSegment() {
    String room = room("chat") + "/sub";
    node.withKey()
        .publish(PublishRequest.newBuilder().setRoom(room).setEvent("e").setData("1").build());
    HistoryReply h = node.withKey().history(HistoryRequest.newBuilder().setRoom(room).build());
    assertThat(h.getRoom()).isEqualTo(room);
    assertThat(h.getPublicationsCount()).isEqualTo(1);
  }
}
