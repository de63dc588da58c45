package io.switchboard.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Policy for the rooms of one namespace (SPEC C1 "Rooms").
 *
 * @param join who may join, default {@link Access#AUTHENTICATED}
 * @param publish who may publish, default {@link Access#AUTHENTICATED}
 * @param claim the token claim checked by {@link Access#CLAIM}, default {@code rooms}; its value
 *     must be a JSON array holding the room name or {@code namespace:*}
 * @param historySize publications kept per room, 0 or more (0 still assigns offsets), default 10
 * @param historyTtl history expiry after the last publication, positive, default 30 s
 * @param presence whether members are tracked and listed, default true
 * @param presenceEvents whether join/leave are broadcast to the room, default true; even when on,
 *     they stop above {@code presenceEventsMaxMembers}
 * @param presenceListLimit most members a {@code joined} reply lists, 0 to 1000, default 100; it
 *     also carries the total {@code presenceCount}, and the rest is paged with the {@code presence}
 *     request (whose default page size it is)
 * @param presenceEventsMaxMembers join/leave frames are broadcast only while the room has at most
 *     this many members (counted after a join, before a leave), 0 or more, default 1000 (10k
 *     members reconnecting would otherwise cost 10k² frames; Discord's {@code large_threshold})
 * @param presenceCountInterval above {@code presenceEventsMaxMembers}, members get a {@code
 *     presence_count} frame when the room becomes large, then at most this often while the count
 *     changes, and a last one when it is no longer large; default 5 s; 0 sends none
 * @param snapshotEvents event names whose latest publication becomes the room snapshot (exact
 *     match), default none
 * @param snapshotTtl how long a snapshot is kept after its last update, positive, default 24 h
 * @param forward where publications are forwarded through the event buffer; {@code null} for none
 *     (the default)
 */
public record NamespaceConfig(
    Access join,
    Access publish,
    String claim,
    int historySize,
    Duration historyTtl,
    boolean presence,
    boolean presenceEvents,
    int presenceListLimit,
    int presenceEventsMaxMembers,
    Duration presenceCountInterval,
    List<String> snapshotEvents,
    Duration snapshotTtl,
    ForwardConfig forward) {

  /**
   * The namespace defaults every configured namespace starts from: authenticated join and publish,
   * claim {@code rooms}, history 10 for 30 s, presence with events, list 100, large above 1000,
   * counts every 5 s, no snapshot events, snapshots kept 24 h, nothing forwarded.
   */
  public static final NamespaceConfig DEFAULT =
      new NamespaceConfig(
          Access.AUTHENTICATED,
          Access.AUTHENTICATED,
          "rooms",
          10,
          Duration.ofSeconds(30),
          true,
          true,
          100,
          1000,
          Duration.ofSeconds(5),
          List.of(),
          Duration.ofHours(24),
          null);

  /**
   * The namespaces shipped in the default configuration (used by the quickstart): {@code chat}
   * ({@link #DEFAULT}), {@code board} (snapshot event {@code board.update}, forwarded to exchange
   * {@code board} with key {@code board.{event}}) and {@code news} (anyone joins, server-only
   * publish, no presence). A {@code namespaces} mapping in the YAML replaces all three.
   */
  public static final Map<String, NamespaceConfig> DEFAULTS =
      Map.of(
          "chat", DEFAULT,
          "board",
              new NamespaceConfig(
                  Access.AUTHENTICATED,
                  Access.AUTHENTICATED,
                  "rooms",
                  10,
                  Duration.ofSeconds(30),
                  true,
                  true,
                  100,
                  1000,
                  Duration.ofSeconds(5),
                  List.of("board.update"),
                  Duration.ofHours(24),
                  new ForwardConfig("board", "board.{event}")),
          "news",
              new NamespaceConfig(
                  Access.ANYONE,
                  Access.SERVER,
                  "rooms",
                  10,
                  Duration.ofSeconds(30),
                  false,
                  false,
                  100,
                  1000,
                  Duration.ofSeconds(5),
                  List.of(),
                  Duration.ofHours(24),
                  null),
          "workflow",
              new NamespaceConfig(
                  Access.AUTHENTICATED,
                  Access.SERVER,
                  "rooms",
                  20,
                  Duration.ofMinutes(10),
                  false,
                  false,
                  100,
                  1000,
                  Duration.ofSeconds(5),
                  List.of(
                      "step_completed",
                      "step_failed",
                      "workflow_completed",
                      "workflow_failed",
                      "workflow_cancelled"),
                  Duration.ofHours(24),
                  null));

  /**
   * Fills what the YAML left out: no snapshot events, claim {@code rooms} when null or empty, a
   * {@code presenceCountInterval} of 0 when null. Ranges are checked by the app's validator.
   */
  public NamespaceConfig {
    snapshotEvents = snapshotEvents == null ? List.of() : List.copyOf(snapshotEvents);
    claim = claim == null || claim.isEmpty() ? "rooms" : claim;
    presenceCountInterval = presenceCountInterval == null ? Duration.ZERO : presenceCountInterval;
  }

  /**
   * Whether a room of {@code members} members gets join/leave frames (presence events on, not
   * large).
   *
   * @param members the member count after a join, or before a leave
   * @return {@code presenceEvents && members <= presenceEventsMaxMembers}
   */
  public boolean presenceEventsFor(int members) {
    return presenceEvents && members <= presenceEventsMaxMembers;
  }

  /**
   * A copy with other large-room presence settings.
   *
   * @param listLimit the new {@code presenceListLimit}
   * @param eventsMaxMembers the new {@code presenceEventsMaxMembers}
   * @param countInterval the new {@code presenceCountInterval}
   * @return the copy
   */
  public NamespaceConfig withPresenceLimits(
      int listLimit, int eventsMaxMembers, Duration countInterval) {
    return new NamespaceConfig(
        join,
        publish,
        claim,
        historySize,
        historyTtl,
        presence,
        presenceEvents,
        listLimit,
        eventsMaxMembers,
        countInterval,
        snapshotEvents,
        snapshotTtl,
        forward);
  }

  /**
   * A copy with another forward.
   *
   * @param forward where to forward, or {@code null} to forward nothing
   * @return the copy
   */
  public NamespaceConfig withForward(ForwardConfig forward) {
    return new NamespaceConfig(
        join,
        publish,
        claim,
        historySize,
        historyTtl,
        presence,
        presenceEvents,
        presenceListLimit,
        presenceEventsMaxMembers,
        presenceCountInterval,
        snapshotEvents,
        snapshotTtl,
        forward);
  }
}
