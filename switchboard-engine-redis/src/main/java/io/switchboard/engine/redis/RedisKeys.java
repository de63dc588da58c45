package io.switchboard.engine.redis;

/**
 * Key and channel names of the Redis engine, all under one prefix {@code p} (Centrifugo's layout,
 * realtime-anchors §4):
 *
 * <ul>
 *   <li>{@code p.ch.<channel>}: the PUB/SUB channel of a room or user channel;
 *   <li>{@code p.meta.<room>}: HASH {@code epoch}, {@code top} of a room stream;
 *   <li>{@code p.stream.<room>}: STREAM of the retained publications, entry id {@code <offset>-0},
 *       field {@code d} = the encoded publication message;
 *   <li>{@code p.presence.<room>}: HASH connection → encoded entry; {@code p.presence.exp.<room>}:
 *       ZSET connection → expiry (epoch ms, Redis clock); {@code p.presence.idx.<room>}: ZSET of
 *       score 0, members {@code PresencePage.cursorOf(entry)} (lexicographic paging, oldest join
 *       first);
 *   <li>{@code p.snapshot.<room>}: HASH {@code o e c d ts} of the room snapshot;
 *   <li>{@code p.lock.<name>}: STRING holding a lock's token;
 *   <li>{@code p.registry.<key>}: ZSET member → expiry (epoch ms, Redis clock) of a registry key.
 *   <li>{@code p.rate.<key>}: HASH {@code tokens}, {@code at} (epoch ms, Redis clock) of a token
 *       bucket, expiring once it would be full again.
 * </ul>
 *
 * Room namespaces cannot contain {@code .}, so {@code presence.<room>}, {@code presence.exp.<room>}
 * and {@code presence.idx.<room>} never collide.
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix + ".";
  }

  /** The prefix of every PUB/SUB channel, ending with a dot. */
  String channelPrefix() {
    return prefix + "ch.";
  }

  String channel(String channel) {
    return channelPrefix() + channel;
  }

  String meta(String room) {
    return prefix + "meta." + room;
  }

  String stream(String room) {
    return prefix + "stream." + room;
  }

  String presence(String room) {
    return prefix + "presence." + room;
  }

  String presenceExpiry(String room) {
    return prefix + "presence.exp." + room;
  }

  String presenceIndex(String room) {
    return prefix + "presence.idx." + room;
  }

  String snapshot(String room) {
    return prefix + "snapshot." + room;
  }

  String lock(String name) {
    return prefix + "lock." + name;
  }

  String registry(String key) {
    return prefix + "registry." + key;
  }

  String rate(String key) {
    return prefix + "rate." + key;
  }
}
