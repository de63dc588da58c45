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
 * @param presenceEvents whether join/leave are broadcast to the room, default true; turn off
 *     for large broadcast rooms (10k members reconnecting would cost 10k² frames)
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
                  true, true, List.of("board.update"), Duration.ofHours(24),
                  new ForwardConfig("board", "board.{event}")),
          "news",
              new NamespaceConfig(
                  Access.ANYONE, Access.SERVER, "rooms", 10, Duration.ofSeconds(30),
                  false, false, List.of(), Duration.ofHours(24), null));

  public NamespaceConfig {
    snapshotEvents = snapshotEvents == null ? List.of() : List.copyOf(snapshotEvents);
    claim = claim == null || claim.isEmpty() ? "rooms" : claim;
  }
}
