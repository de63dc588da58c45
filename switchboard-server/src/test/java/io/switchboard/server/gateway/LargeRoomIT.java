package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large rooms (issue 7 part 1; SPEC C1 "Rooms"): {@code joined} lists at most {@code
 * presenceListLimit} members plus the total, the rest is paged through the {@code presence} request
 * and the server API, and join/leave frames stop above {@code presenceEventsMaxMembers}, replaced
 * by {@code presence_count} frames (or nothing, when configured so).
 */
class LargeRoomIT {
  static TestNode node;
  final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    NamespaceConfig d = NamespaceConfig.DEFAULT;
    node =
        TestNode.start(
            c ->
                c.withNamespaces(
                    Map.of(
                        "big", d.withPresenceLimits(3, 4, Duration.ofMillis(200)),
                        "quiet", d.withPresenceLimits(3, 2, Duration.ZERO))));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(TestClient::close);
  }

  private TestClient member(String user, String room) {
    TestClient c = node.connect(user);
    clients.add(c);
    c.join(room);
    return c;
  }

  private static String room(String namespace) {
    return namespace + ":" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void joinedListsAtMostTheLimitOldestFirstPlusTheCount() {
    String room = room("big");
    for (int i = 1; i <= 4; i++) {
      member("u" + i, room);
    }
    TestClient fifth = node.connect("u5");
    clients.add(fifth);
    JsonObject data = fifth.join(room).getJsonObject("data");
    assertThat(users(data.getJsonArray("presence"))).containsExactly("u1", "u2", "u3");
    assertThat(data.getInteger("presenceCount")).isEqualTo(5);
  }

  @Test
  void thePresenceRequestPagesThroughEveryMemberOnce() {
    String room = room("big");
    for (int i = 1; i <= 5; i++) {
      member("u" + i, room);
    }
    TestClient asker = clients.get(0);
    asker.assertAlive(); // takes every join frame that came before
    List<String> seen = new ArrayList<>();
    Object cursor = null;
    int pages = 0;
    do {
      JsonObject request =
          new JsonObject()
              .put("type", "presence")
              .put("id", pages)
              .put("room", room)
              .put("limit", 2);
      if (cursor != null) {
        request.put("cursor", cursor);
      }
      JsonObject reply = asker.send(request).skipTo("presence");
      assertThat(reply.getInteger("id")).isEqualTo(pages);
      assertThat(reply.getJsonArray("data").size()).isLessThanOrEqualTo(2);
      assertThat(reply.getInteger("count")).isEqualTo(5);
      seen.addAll(users(reply.getJsonArray("data")));
      cursor = reply.getValue("next");
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactly("u1", "u2", "u3", "u4", "u5");
    assertThat(pages).isEqualTo(3);
    JsonObject defaultPage =
        asker
            .send(new JsonObject().put("type", "presence").put("id", "d").put("room", room))
            .skipTo("presence");
    assertThat(defaultPage.getJsonArray("data")).as("presenceListLimit by default").hasSize(3);
  }

  @Test
  void theServerApiPagesPresenceToo() throws Exception {
    String room = room("big");
    for (int i = 1; i <= 5; i++) {
      member("u" + i, room);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          new JsonObject(
              get(
                  "/api/v1/server/rooms/"
                      + room
                      + "/presence?limit=2"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + java.net.URLEncoder.encode(cursor, "UTF-8")),
                  200));
      assertThat(page.getInteger("count")).isEqualTo(5);
      seen.addAll(users(page.getJsonArray("presence")));
      cursor = page.getString("next");
    } while (cursor != null);
    assertThat(seen).containsExactly("u1", "u2", "u3", "u4", "u5");
    assertThat(
            new JsonObject(get("/api/v1/server/rooms/" + room + "/presence", 200))
                .getJsonArray("presence"))
        .hasSize(3);
    assertThat(get("/api/v1/server/rooms/" + room + "/presence?limit=0", 400)).contains("limit");
    assertThat(get("/api/v1/server/rooms/" + room + "/presence?limit=x", 400)).contains("limit");
  }

  @Test
  void joinAndLeaveFramesStopAboveTheLimitAndCountsTakeOver() {
    String room = room("big");
    TestClient watcher = member("u1", room);
    List<TestClient> others = new ArrayList<>();
    for (int i = 2; i <= 6; i++) {
      others.add(member("u" + i, room));
      if (i <= 4) {
        assertPresence(watcher.skipTo("presence"), "join", "u" + i);
      } else {
        // above 4 members no join frame: the count, at once when crossing, then periodically
        assertCount(watcher.next(), room, i);
      }
    }
    leave(others.get(4), room); // u6: 6 -> 5
    assertCount(watcher.next(), room, 5);
    leave(others.get(3), room); // u5: 5 -> 4, back to the limit: the last count, then frames resume
    assertCount(watcher.next(), room, 4);
    leave(others.get(2), room); // u4
    assertPresence(watcher.next(), "leave", "u4");
    watcher.assertAlive();
    assertThat(watcher.pending()).isZero();
  }

  @Test
  void withoutACountIntervalLargeRoomsGetNothing() {
    String room = room("quiet");
    TestClient watcher = member("u1", room);
    member("u2", room);
    assertPresence(watcher.skipTo("presence"), "join", "u2");
    TestClient third = member("u3", room);
    third.publish(room, "marker", 1);
    JsonObject next = watcher.next();
    assertThat(next.getString("type"))
        .as("no presence or presence_count frame before the event")
        .isEqualTo("event");
    assertThat(next.getString("event")).isEqualTo("marker");
  }

  @Test
  void badPagingFieldsAreRejectedAndTheConnectionStays() {
    String room = room("big");
    TestClient c = member("u1", room);
    for (JsonObject bad :
        List.of(
            new JsonObject().put("limit", 0), new JsonObject().put("limit", 1001),
            new JsonObject().put("limit", "5"), new JsonObject().put("limit", 2.5),
            new JsonObject().put("cursor", 7), new JsonObject().put("cursor", ""))) {
      JsonObject reply =
          c.send(bad.put("type", "presence").put("id", "b").put("room", room)).skipTo("error");
      assertThat(reply.getString("code")).isEqualTo("bad_request");
      assertThat(reply.getString("message")).containsAnyOf("limit", "cursor");
    }
    c.assertAlive();
  }

  private static void leave(TestClient c, String room) {
    c.send(new JsonObject().put("type", "leave").put("id", "l").put("room", room)).skipTo("left");
  }

  private static void assertPresence(JsonObject frame, String action, String user) {
    assertThat(frame.getString("type")).isEqualTo("presence");
    assertThat(frame.getJsonObject("data").getString("action")).isEqualTo(action);
    assertThat(frame.getJsonObject("data").getString("user")).isEqualTo(user);
  }

  private static void assertCount(JsonObject frame, String room, int count) {
    assertThat(frame.encode())
        .isEqualTo(
            new JsonObject()
                .put("type", "presence_count")
                .put("room", room)
                .put("data", new JsonObject().put("count", count))
                .encode());
  }

  private static List<String> users(JsonArray presence) {
    List<String> out = new ArrayList<>();
    presence.forEach(o -> out.add(((JsonObject) o).getString("user")));
    Set<String> distinct = new HashSet<>(out);
    assertThat(distinct).hasSameSizeAs(out);
    return out;
  }

  private static String get(String path, int status) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                    .header("X-API-Key", TestNode.API_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body();
  }
}
