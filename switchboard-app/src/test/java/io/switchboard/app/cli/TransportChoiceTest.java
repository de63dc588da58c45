package io.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.ServerTransport;
import io.vertx.core.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code server.transport}'s choice and fallback chain io_uring → epoll → nio (issue 13 point 2),
 * with stand-in transports that are unavailable for a stated cause, and with the real ones of this
 * machine (whose kernel has io_uring: an unavailable one fails here, it is not skipped).
 */
class TransportChoiceTest {
  private static final Transport NIO = Transport.NIO;

  private static Transport unavailable(String name, String cause) {
    return new Transport() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean available() {
        return false;
      }

      @Override
      public Throwable unavailabilityCause() {
        return new IllegalStateException("wrapped", new UnsatisfiedLinkError(cause));
      }

      @Override
      public io.vertx.core.spi.transport.Transport implementation() {
        throw new AssertionError("an unavailable transport is never built");
      }
    };
  }

  private static TransportChoice choose(ServerTransport asked, Map<ServerTransport, Transport> t) {
    return TransportChoice.of(asked, k -> k == ServerTransport.NIO ? NIO : t.get(k));
  }

  @Test
  void anAvailableChoiceIsTakenWithoutAWord() {
    Map<ServerTransport, Transport> real =
        Map.of(
            ServerTransport.IO_URING, Transport.IO_URING, ServerTransport.EPOLL, Transport.EPOLL);
    for (ServerTransport t : ServerTransport.values()) {
      TransportChoice c = choose(t, real);
      ServerTransport expected = t == ServerTransport.AUTO ? ServerTransport.EPOLL : t;
      assertThat(c.warning()).as("%s: %s", t, c.warning()).isNull();
      assertThat(c.note()).isNull();
      assertThat(c.transport()).isEqualTo(expected);
      assertThat(c.vertx().name()).isEqualTo(expected.key());
    }
  }

  @Test
  void ioUringFallsBackToEpollWithOneWarningNamingTheCause() {
    TransportChoice c =
        choose(
            ServerTransport.IO_URING,
            Map.of(
                ServerTransport.IO_URING,
                unavailable("io_uring", "io_uring_setup: Operation not permitted"),
                ServerTransport.EPOLL,
                Transport.EPOLL));
    assertThat(c.transport()).isEqualTo(ServerTransport.EPOLL);
    assertThat(c.vertx()).isSameAs(Transport.EPOLL);
    assertThat(c.warning())
        .isEqualTo(
            "server.transport io_uring: io_uring is unavailable (java.lang.IllegalStateException:"
                + " wrapped, caused by java.lang.UnsatisfiedLinkError: io_uring_setup: Operation not"
                + " permitted); using epoll");
  }

  @Test
  void withoutNativesEveryExplicitChoiceEndsOnNio() {
    Map<ServerTransport, Transport> none =
        Map.of(ServerTransport.EPOLL, unavailable("epoll", "no epoll here")); // io_uring: no jar
    TransportChoice uring = choose(ServerTransport.IO_URING, none);
    assertThat(uring.transport()).isEqualTo(ServerTransport.NIO);
    assertThat(uring.vertx()).isSameAs(NIO);
    assertThat(uring.warning())
        .startsWith(
            "server.transport io_uring: io_uring is unavailable (its Netty native jar is not on the"
                + " class path); epoll is unavailable (")
        .contains("no epoll here")
        .endsWith("; using nio")
        .doesNotContain("\n");
    assertThat(choose(ServerTransport.EPOLL, none).warning())
        .startsWith("server.transport epoll: epoll is unavailable (")
        .endsWith("; using nio");
  }

  @Test
  void autoWithoutEpollIsNioWithANoteNotAWarning() {
    TransportChoice c =
        choose(ServerTransport.AUTO, Map.of(ServerTransport.EPOLL, unavailable("epoll", "macOS")));
    assertThat(c.transport()).isEqualTo(ServerTransport.NIO);
    assertThat(c.warning()).isNull();
    assertThat(c.note()).startsWith("server.transport auto: epoll is unavailable (");
    TransportChoice nio = choose(ServerTransport.NIO, Map.of());
    assertThat(nio.transport()).isEqualTo(ServerTransport.NIO);
    assertThat(nio.warning()).isNull();
    assertThat(nio.note()).isNull();
  }

  @Test
  void thisKernelHasIoUringAndEpoll() {
    assertThat(Transport.IO_URING)
        .as("netty-transport-native-io_uring on the class path")
        .isNotNull();
    assertThat(Transport.IO_URING.available())
        .as("io_uring: %s", Transport.IO_URING.unavailabilityCause())
        .isTrue();
    assertThat(Transport.EPOLL.available())
        .as("epoll: %s", Transport.EPOLL.unavailabilityCause())
        .isTrue();
    assertThat(TransportChoice.of(ServerTransport.IO_URING, TransportChoice::lookup).warning())
        .isNull();
  }
}
