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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * In-memory {@link RoomHistory} (SPEC "Engines", C1 "Join is consistent"). Each room has a
 * stream: a random epoch, the top offset, and the newest {@link HistoryOptions#size()}
 * publications, which expire {@link HistoryOptions#ttl()} after the last publish while the
 * epoch and top offset stay.
 *
 * <p><b>Atomic publish.</b> Offset assignment, append and {@link MemoryPubSub#publish} on the
 * channel named as the room all run under one per-room lock, so listeners see a room's
 * publications in offset order. The pub/sub listener runs inside that lock and must not call
 * back into the engine synchronously (see {@link MemoryPubSub}).
 *
 * <p><b>Losing history.</b> A stream with no publish for longer than {@code streamRetention}
 * (default 24 h, counted from its last publish or its creation) is dropped; the next read or
 * publish starts a new epoch at offset 0. Dropped streams are swept at most once a minute, so
 * memory is bounded by the rooms active within the retention. Thread-safe.
 */
public final class MemoryRoomHistory implements RoomHistory {
  /** Default idle time after which a stream is dropped. */
  public static final Duration DEFAULT_STREAM_RETENTION = Duration.ofHours(24);

  private static final long SWEEP_EVERY_MS = 60_000;

  private final PubSub pubSub;
  private final LongSupplier clock;
  private final long retentionMs;
  private final Map<String, Stream> streams = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /** A history fanning out through {@code pubSub}, on the system clock, default retention. */
  public MemoryRoomHistory(PubSub pubSub) {
    this(pubSub, System::currentTimeMillis, DEFAULT_STREAM_RETENTION);
  }

  /**
   * @param pubSub where publications are fanned out (channel = room name)
   * @param clock the time in epoch milliseconds (stamps, TTLs, retention)
   * @param streamRetention how long an idle stream is kept; positive
   */
  public MemoryRoomHistory(PubSub pubSub, LongSupplier clock, Duration streamRetention) {
    this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (streamRetention.isNegative() || streamRetention.isZero()) {
      throw new IllegalArgumentException("streamRetention must be positive: " + streamRetention);
    }
    this.retentionMs = streamRetention.toMillis();
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
        s.refresh(t, retentionMs);
        Publication p = draft.at(room, ++s.top, t);
        s.pubs.addLast(p);
        while (s.pubs.size() > options.size()) {
          s.pubs.removeFirst();
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
        s.refresh(now, retentionMs);
        List<Publication> after = new ArrayList<>(s.pubs.size());
        for (Publication p : s.pubs) {
          if (p.offset() > afterOffset) {
            after.add(p);
          }
        }
        return Future.succeededFuture(
            new HistoryPage(new StreamPosition(s.epoch, s.top), after));
      }
    }
  }

  /** The number of streams currently held (for tests and metrics). */
  public int streamCount() {
    return streams.size();
  }

  private Stream stream(String room, long now) {
    Objects.requireNonNull(room, "room");
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      sweep(now);
    }
    return streams.computeIfAbsent(room, r -> new Stream(now));
  }

  private void sweep(long now) {
    for (Map.Entry<String, Stream> e : streams.entrySet()) {
      Stream s = e.getValue();
      synchronized (s) {
        if (now - s.lastPublish > retentionMs) {
          s.dropped = true;
          streams.remove(e.getKey(), s);
        }
      }
    }
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

    /** Starts a new epoch if idle past retention; clears expired history. */
    void refresh(long now, long retentionMs) {
      if (now - lastPublish > retentionMs) {
        epoch = newEpoch();
        top = 0;
        lastPublish = now;
        pubs.clear();
      }
      if (now >= historyExpiresAt) {
        pubs.clear();
      }
    }
  }
}
