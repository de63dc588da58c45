package io.switchboard.grpc.service;

import io.switchboard.grpc.v1.HistoryPublication;
import io.switchboard.grpc.v1.HistoryReply;
import io.switchboard.grpc.v1.PresenceEntry;
import io.switchboard.grpc.v1.PresenceReply;
import io.switchboard.grpc.v1.RoomOffset;
import io.switchboard.grpc.v1.SendError;
import io.switchboard.grpc.v1.SendReply;
import io.switchboard.grpc.v1.SnapshotReply;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP twins' JSON answers as the proto messages of {@code switchboard.proto}, field for field;
 * JSON values ({@code data}) as JSON text, a JSON {@code null} string field as an absent optional.
 */
final class Replies {
  private Replies() {}

  /** {@code {room, offset}} (publish, put snapshot). */
  static RoomOffset roomOffset(JsonObject j) {
    return RoomOffset.newBuilder()
        .setRoom(j.getString("room"))
        .setOffset(j.getLong("offset"))
        .build();
  }

  /** {@code {room, presence:[{user, connection, node}], count, next}}. */
  static PresenceReply presence(JsonObject j) {
    PresenceReply.Builder b =
        PresenceReply.newBuilder().setRoom(j.getString("room")).setCount(j.getLong("count"));
    for (Object o : j.getJsonArray("presence", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      b.addPresence(
          PresenceEntry.newBuilder()
              .setUser(e.getString("user"))
              .setConnection(e.getString("connection"))
              .setNode(e.getString("node")));
    }
    if (j.getString("next") != null) {
      b.setNext(j.getString("next"));
    }
    return b.build();
  }

  /** {@code {room, epoch, offset, publications:[{offset, event, from, data, ts}]}}. */
  static HistoryReply history(JsonObject j) {
    HistoryReply.Builder b =
        HistoryReply.newBuilder()
            .setRoom(j.getString("room"))
            .setEpoch(String.valueOf(j.getValue("epoch")))
            .setOffset(j.getLong("offset"));
    for (Object o : j.getJsonArray("publications", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      HistoryPublication.Builder pb =
          HistoryPublication.newBuilder()
              .setOffset(p.getLong("offset"))
              .setEvent(p.getString("event"))
              .setData(Json.encode(p.getValue("data")))
              .setTs(p.getLong("ts", 0L));
      if (p.getString("from") != null) {
        pb.setFrom(p.getString("from"));
      }
      b.addPublications(pb);
    }
    return b.build();
  }

  /** {@code {room, event, offset, data}}. */
  static SnapshotReply snapshot(JsonObject j) {
    return SnapshotReply.newBuilder()
        .setRoom(j.getString("room"))
        .setEvent(j.getString("event"))
        .setOffset(j.getLong("offset"))
        .setData(Json.encode(j.getValue("data")))
        .build();
  }

  /** The controller's envelope {@code {id, project_id, type, data, error?}}. */
  static SendReply send(JsonObject j) {
    SendReply.Builder b =
        SendReply.newBuilder()
            .setId(j.getString("id", ""))
            .setProjectId(j.getString("project_id", ""))
            .setType(j.getString("type", ""))
            .setData(Json.encode(j.getValue("data")));
    JsonObject error = j.getJsonObject("error");
    if (error != null) {
      b.setError(
          SendError.newBuilder()
              .setCode(error.getString("code", ""))
              .setMessage(error.getString("message", "")));
    }
    return b.build();
  }
}
