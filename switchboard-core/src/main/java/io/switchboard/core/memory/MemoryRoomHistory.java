package io.switchboard.core.memory;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.core.room.StreamPosition;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory {@link RoomHistory} (SPEC "Engines", C1 "Join is consistent"). Each room has a stream:
 * a random epoch, the top offset, and the newest {@link HistoryOptions#size()} publications, which
 * expire {@link HistoryOptions#ttl()} after the last publish while the epoch and top offset stay.
 *
 * <p><b>Atomic publish.</b> Offset assignment, append and {@link MemoryPubSub#publish} on the
 * channel named as the room all run under one per-room lock, so listeners see a room's publications
 * in offset order. The pub/sub listener runs inside that lock and must not call back into the
 * engine synchronously (see {@link MemoryPubSub}).
 *
 * <p><b>Bounded memory</b> (issue 7). Once a minute, driven by any call, a sweep frees the
 * publications whose TTL passed (whether or not their room is read again) and drops the streams
 * with no publish for longer than {@code streamRetention} (default 24 h, counted from the last
 * publish or the creation). At most {@code maxStreams} streams are held: creating one more (a
 * publish or a read of a new room) evicts the least recently used stream. A dropped or evicted
 * stream's next use starts a new epoch at offset 0, so a client recovering from it is told {@code
 * recovered: false}, never silently behind. Thread-safe; the lock order is the stream table, then a
 * stream.
 */
public final class MemoryRoomHistory implements RoomHistory {
  /** Default idle time after which a stream is dropped: 24 h. */
  public static final Duration DEFAULT_STREAM_RETENTION = Duration.ofHours(24);

  /** Default most streams held ({@code engine.memory.maxRooms}): 100000. */
  public static final int DEFAULT_MAX_STREAMS = 100_000;

  private static final long SWEEP_EVERY_MS = 60_000;

  private final PubSub pubSub;
  private final LongSupplier clock;
  private final long retentionMs;
  private final int maxStreams;

  /** Room → stream in access order (least recently used first); guarded by itself. */
  private final LinkedHashMap<String, Stream> streams = new LinkedHashMap<>(16, 0.75f, true);

  private final AtomicLong retained = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  private volatile long lastSweep;

  /**
   * A history fanning out through {@code pubSub}, on the system clock, with {@link
   * #DEFAULT_STREAM_RETENTION} and {@link #DEFAULT_MAX_STREAMS}.
   */
  public MemoryRoomHistory(PubSub pubSub) {
    this(pubSub, System::currentTimeMillis, DEFAULT_STREAM_RETENTION, DEFAULT_MAX_STREAMS);
  }

  /**
   * As {@link #MemoryRoomHistory(PubSub, LongSupplier, Duration, int)} with {@link
   * #DEFAULT_MAX_STREAMS}.
   */
  public MemoryRoomHistory(PubSub pubSub, LongSupplier clock, Duration streamRetention) {
    this(pubSub, clock, streamRetention, DEFAULT_MAX_STREAMS);
  }

  /**
   * @param pubSub where publications are fanned out (channel = room name)
   * @param clock the time in epoch milliseconds (stamps, TTLs, retention)
   * @param streamRetention how long an idle stream is kept; positive
   * @param maxStreams the most streams held (rooms published to or read); 1 or more
   * @throws IllegalArgumentException if a limit is out of range
   */
  public MemoryRoomHistory(
      PubSub pubSub, LongSupplier clock, Duration streamRetention, int maxStreams) {
    this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (streamRetention.isNegative() || streamRetention.isZero()) {
      throw new IllegalArgumentException("streamRetention must be positive: " + streamRetention);
    }
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be >= 1, got " + maxStreams);
    }
    this.retentionMs = streamRetention.toMillis();
    this.maxStreams = maxStreams;
    this.lastSweep = clock.getAsLong();
  }

  /** {@inheritDoc} Completes before returning; listeners have been called by then. */
  @Override
  public Future<Publication> publish(String room, PublicationDraft draft, HistoryOptions options) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(options, "options");
    long now = clock.getAsLong();
    while (true) {
      Stream s = stream(room, now);
      synchronized (s) {
        if (s.dropped) {
          continue;
        }
        long t = clock.getAsLong(); // read under the lock, so ts follows offset order
        refresh(s, t);
        Publication p = draft.at(room, ++s.top, t);
        s.pubs.addLast(p);
        retained.incrementAndGet();
        while (s.pubs.size() > options.size()) {
          s.pubs.removeFirst();
          retained.decrementAndGet();
        }
        s.lastPublish = t;
        s.historyExpiresAt = t + options.ttl().toMillis();
        pubSub.publish(room, new BusMessage.PublicationMessage(p, s.epoch));
        return Future.succeededFuture(p);
      }
    }
  }

  /** {@inheritDoc} Completes before returning. */
  @Override
  public Future<HistoryPage> read(String room, long afterOffset) {
    long now = clock.getAsLong();
    while (true) {
      Stream s = stream(room, now);
      synchronized (s) {
        if (s.dropped) {
          continue;
        }
        refresh(s, now);
        List<Publication> after = new ArrayList<>(s.pubs.size());
        for (Publication p : s.pubs) {
          if (p.offset() > afterOffset) {
            after.add(p);
          }
        }
        return Future.succeededFuture(new HistoryPage(new StreamPosition(s.epoch, s.top), after));
      }
    }
  }

  /** The number of streams (rooms) currently held, at most {@code maxStreams} (tests, metrics). */
  public int streamCount() {
    synchronized (streams) {
      return streams.size();
    }
  }

  /** The number of publications currently retained over all streams (tests, metrics). */
  public long publicationCount() {
    return retained.get();
  }

  /** How many streams were evicted because {@code maxStreams} were held (tests, metrics). */
  public long evictions() {
    return evictions.get();
  }

  /** The room's stream, created (evicting the least recently used beyond the cap) if missing. */
  private Stream stream(String room, long now) {
    Objects.requireNonNull(room, "room");
    synchronized (streams) {
      if (now - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now;
        sweep(now);
      }
      Stream s = streams.get(room); // moves it to the most recently used end
      if (s == null) {
        s = new Stream(now);
        streams.put(room, s);
        if (streams.size() > maxStreams) {
          Iterator<Stream> eldest = streams.values().iterator();
          drop(eldest.next());
          eldest.remove();
          evictions.incrementAndGet();
        }
      }
      return s;
    }
  }

  /** Frees expired publications and drops idle streams; holds the stream table. */
  private void sweep(long now) {
    for (Iterator<Stream> it = streams.values().iterator(); it.hasNext(); ) {
      Stream s = it.next();
      synchronized (s) {
        if (now - s.lastPublish > retentionMs) {
          drop(s);
          it.remove();
        } else if (now >= s.historyExpiresAt) {
          clear(s);
        }
      }
    }
  }

  private void drop(Stream s) {
    synchronized (s) {
      s.dropped = true;
      clear(s);
    }
  }

  /** Starts a new epoch if idle past retention; clears expired history. Under the stream's lock. */
  private void refresh(Stream s, long now) {
    if (now - s.lastPublish > retentionMs) {
      s.epoch = newEpoch();
      s.top = 0;
      s.lastPublish = now;
      clear(s);
    }
    if (now >= s.historyExpiresAt) {
      clear(s);
    }
  }

  private void clear(Stream s) {
    retained.addAndGet(-s.pubs.size());
    s.pubs.clear();
  }

  private static String newEpoch() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /** One life of a room's stream; guarded by its own monitor. */
  private static final class Stream {
    String epoch = newEpoch();
    long top;
    long lastPublish;
    long historyExpiresAt;
    boolean dropped;
    final ArrayDeque<Publication> pubs = new ArrayDeque<>();

    Stream(long now) {
      lastPublish = now;
      historyExpiresAt = now;
    }
  }
}
