package io.switchboard.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Policy for the rooms of one namespace (SPEC C1 "Rooms").
 *
 * @param join who may join, default {@link Access#AUTHENTICATED}
 * @param publish who may publish, default {@link Access#AUTHENTICATED}
 * @param claim the token claim checked by {@link Access#CLAIM}, default {@code rooms}
 * @param historySize publications kept per room, default 10
 * @param historyTtl history expiry after the last publication, default 30 s
 * @param presence whether members are tracked and listed, default true
 * @param presenceEvents whether join/leave are broadcast to the room, default true; even when on,
 *     they stop above {@code presenceEventsMaxMembers}
 * @param presenceListLimit most members a {@code joined} reply lists, default 100; it also carries
 *     the total {@code presenceCount}, and the rest is paged with the {@code presence} request
 * @param presenceEventsMaxMembers join/leave frames are broadcast only while the room has at most
 *     this many members, default 1000 (10k members reconnecting would otherwise cost 10k² frames;
 *     Discord's {@code large_threshold})
 * @param presenceCountInterval above {@code presenceEventsMaxMembers}, members get a {@code
 *     presence_count} frame at most this often when the count changed, default 5 s; 0 sends none
 * @param snapshotEvents event names whose latest publication becomes the room snapshot
 * @param snapshotTtl how long a snapshot is kept after its last update, default 24 h
 * @param forward where publications are forwarded through the event buffer; {@code null} for none
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

  /** An authenticated namespace with the SPEC defaults and nothing forwarded. */
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

  /** The namespaces shipped in the default configuration (used by the quickstart). */
  public static final Map<String, NamespaceConfig> DEFAULTS =
      Map.of(
          "chat", DEFAULT,
          "board",
              new NamespaceConfig(
                  Access.AUTHENTICATED, Access.AUTHENTICATED, "rooms", 10, Duration.ofSeconds(30),
                  true, true, 100, 1000, Duration.ofSeconds(5), List.of("board.update"), Duration.ofHours(24),
                  new ForwardConfig("board", "board.{event}")),
          "news",
              new NamespaceConfig(
                  Access.ANYONE, Access.SERVER, "rooms", 10, Duration.ofSeconds(30),
                  false, false, 100, 1000, Duration.ofSeconds(5), List.of(), Duration.ofHours(24), null));

  public NamespaceConfig {
    snapshotEvents = snapshotEvents == null ? List.of() : List.copyOf(snapshotEvents);
    claim = claim == null || claim.isEmpty() ? "rooms" : claim;
    presenceCountInterval = presenceCountInterval == null ? Duration.ZERO : presenceCountInterval;
  }

  /** Whether a room of {@code members} members gets join/leave frames (presence events on, not large). */
  public boolean presenceEventsFor(int members) {
    return presenceEvents && members <= presenceEventsMaxMembers;
  }

  /** A copy with other large-room presence settings (see the record components). */
  public NamespaceConfig withPresenceLimits(int listLimit, int eventsMaxMembers, Duration countInterval) {
    return new NamespaceConfig(join, publish, claim, historySize, historyTtl, presence, presenceEvents,
        listLimit, eventsMaxMembers, countInterval, snapshotEvents, snapshotTtl, forward);
  }

  /** A copy that forwards to {@code forward} ({@code null}: forwards nothing). */
  public NamespaceConfig withForward(ForwardConfig forward) {
    return new NamespaceConfig(join, publish, claim, historySize, historyTtl, presence, presenceEvents,
        presenceListLimit, presenceEventsMaxMembers, presenceCountInterval, snapshotEvents, snapshotTtl, forward);
  }
}
