package io.switchboard.server.config;

/**
 * The memory engine (SPEC "Engines": the embedded default), used when {@code engine.type} is {@code
 * memory}.
 *
 * @param maxRooms room streams (epoch, top offset, retained publications) held at most, 1 or more,
 *     default 100000; creating one more (a publish or join in a new room) evicts the least recently
 *     used, whose next use starts a new epoch, so its clients are told {@code recovered: false}
 *     (issue 7)
 */
public record MemoryConfig(int maxRooms) {
  /** 100000 room streams. */
  public static final MemoryConfig DEFAULT = new MemoryConfig(100_000);
}
