package io.switchboard.server.config;

import java.util.Locale;

/**
 * Netty's transport for the node's event loops ({@code server.transport}; issue 13 point 2:
 * "Netty's io_uring transport ... keep epoll and NIO as fallbacks"). Written in lower case in the
 * configuration: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. An explicit native
 * choice that is unavailable (not Linux, a kernel without io_uring, no native library on the class
 * path) falls back io_uring → epoll → nio with one warning at start.
 */
public enum ServerTransport {
  /** The default: epoll when available, NIO otherwise (what {@code nativeTransport} did). */
  AUTO,
  /** Linux io_uring (kernel 5.14 or later; Netty's {@code netty-transport-native-io_uring}). */
  IO_URING,
  /** Linux epoll (Netty's {@code netty-transport-native-epoll}). */
  EPOLL,
  /** The JDK's NIO selector: available everywhere. */
  NIO;

  /**
   * The configuration spelling, which is also the name the node reports (log line, metric).
   *
   * @return {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
