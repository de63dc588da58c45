package io.switchboard.commands.wire;

/**
 * Where commands and events travel on the broker (SPEC C2; issue 8 point 3), and how commands are
 * sharded so that those of one aggregate are handled in order and those of different aggregates in
 * parallel.
 *
 * <ul>
 *   <li>Commands go to the topic exchange {@code commands.exchange} (default {@value
 *       #DEFAULT_COMMANDS}) with routing key {@code <type>.<shard>}, where {@code shard =
 *       floorMod(mix(stream.hashCode()), shards)} ({@link #shard}). The node consumes {@code
 *       shards} queues {@code <commands exchange>.<k>}, each bound with {@code <type>.<k>} for
 *       every Java-handled type: a queue is consumed one message at a time (one active consumer in
 *       a cluster), so one stream's commands keep their order, and the queues run in parallel. An
 *       external service binds its own queue with {@code <type>.*}.
 *   <li>Events go to the topic exchange {@code commands.eventsExchange} (default {@value
 *       #DEFAULT_EVENTS}) with routing key {@code <aggregate>.<event type>}, e.g. {@code
 *       board.card.added}, message id = event id.
 * </ul>
 *
 * @param commands the commands exchange, also the prefix of the shard queues
 * @param events the events exchange
 * @param shards {@code commands.shards}, 1 or more
 */
public record Topology(String commands, String events, int shards) {
  /** The default commands exchange. */
  public static final String DEFAULT_COMMANDS = "switchboard.commands";

  /** The default events exchange. */
  public static final String DEFAULT_EVENTS = "switchboard.events";

  /**
   * @throws IllegalArgumentException for fewer than one shard or a blank exchange name
   */
  public Topology {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1");
    }
    if (commands == null || commands.isBlank() || events == null || events.isBlank()) {
      throw new IllegalArgumentException("exchange names must not be blank");
    }
  }

  /** The default exchanges with {@code shards} shards. */
  public Topology(int shards) {
    this(DEFAULT_COMMANDS, DEFAULT_EVENTS, shards);
  }

  /** The shard of a stream, 0 to {@code shards - 1}; the same on every node and JVM. */
  public int shard(String stream) {
    int h = stream.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return Math.floorMod(h, shards);
  }

  /** The queue of shard {@code k}: {@code <commands exchange>.<k>}. */
  public String queue(int k) {
    return commands + "." + k;
  }

  /** A command's routing key: {@code <type>.<shard(stream)>}. */
  public String commandKey(String type, String stream) {
    return type + "." + shard(stream);
  }

  /** An event's routing key: {@code <aggregate>.<type>}, the aggregate being the stream prefix. */
  public static String eventKey(String stream, String type) {
    int dash = stream.indexOf('-');
    return (dash < 0 ? stream : stream.substring(0, dash)) + "." + type;
  }
}
