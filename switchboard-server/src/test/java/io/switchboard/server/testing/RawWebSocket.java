package io.switchboard.server.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket client written by hand over a raw TCP socket, for what the Vert.x client hides: it
 * never answers pings, and it records every frame the server sends (opcode, close code) and whether
 * the TCP connection was closed.
 */
public final class RawWebSocket implements AutoCloseable {
  private final NetClient tcp;
  private final NetSocket socket;
  private Buffer buffer = Buffer.buffer();
  private boolean upgraded;

  /** The HTTP status line of the upgrade response. */
  public volatile String statusLine;

  /** The opcodes of the frames received, in order (1 text, 8 close, 9 ping, 10 pong). */
  public final List<Integer> opcodes = new CopyOnWriteArrayList<>();

  /** The payloads of the text frames received, in order. */
  public final List<String> texts = new CopyOnWriteArrayList<>();

  /** The payloads of the pongs received, in order. */
  public final List<String> pongs = new CopyOnWriteArrayList<>();

  /** The code of the server's close frame, once received. */
  public volatile Integer closeCode;

  /** Whether the TCP connection was closed. */
  public volatile boolean tcpClosed;

  private RawWebSocket(NetClient tcp, NetSocket socket) {
    this.tcp = tcp;
    this.socket = socket;
  }

  /**
   * Connects to {@code node} and writes a valid upgrade request for {@code GET path}, with extra
   * {@code headers} given as {@code "Name: value"} lines (an {@code Origin}, a {@code Cookie}).
   */
  public static RawWebSocket connect(TestNode node, String path, String... headers) {
    return connect(node, path, new NetClientOptions(), headers);
  }

  /**
   * As {@link #connect(TestNode, String, String...)} with a fixed socket receive buffer of {@code
   * bytes} (no kernel autotuning), so that a client that stops reading fills up predictably.
   */
  public static RawWebSocket connect(TestNode node, String path, int receiveBufferBytes) {
    return connect(node, path, new NetClientOptions().setReceiveBufferSize(receiveBufferBytes));
  }

  private static RawWebSocket connect(
      TestNode node, String path, NetClientOptions options, String... headers) {
    NetClient tcp = node.vertx.createNetClient(options);
    NetSocket socket = TestNode.await(tcp.connect(node.port(), "127.0.0.1"));
    RawWebSocket raw = new RawWebSocket(tcp, socket);
    socket.handler(raw::received);
    socket.closeHandler(v -> raw.tcpClosed = true);
    TestNode.await(
        socket.write(
            "GET "
                + path
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:"
                + node.port()
                + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + String.join("", Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "\r\n"));
    return raw;
  }

  /** Sends one masked (zero mask) final text frame. */
  public void sendText(String text) {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked final binary frame. */
  public void sendBinary(byte[] payload) {
    sendFrame(0x2, payload);
  }

  /** Sends one masked ping with {@code payload} (at most 125 bytes). */
  public void sendPing(String payload) {
    sendFrame(0x9, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Stops reading from the socket: the server's writes pile up (a client that does not read). */
  public void pauseReading() {
    socket.pause();
  }

  /** Reads again after {@link #pauseReading}. */
  public void resumeReading() {
    socket.resume();
  }

  /** Sends one masked (zero mask) final frame with {@code opcode}. */
  public void sendFrame(int opcode, byte[] payload) {
    TestNode.await(socket.write(frame(opcode, payload)));
  }

  /**
   * Sends one frame as part of a flood: returns {@code false} instead of failing when the server
   * has already closed the connection (the close frame may not have been read yet).
   */
  public boolean offerFrame(int opcode, byte[] payload) {
    try {
      TestNode.await(socket.write(frame(opcode, payload)));
      return true;
    } catch (AssertionError closed) {
      return false;
    }
  }

  private static Buffer frame(int opcode, byte[] payload) {
    Buffer frame = Buffer.buffer().appendByte((byte) (0x80 | opcode));
    if (payload.length < 126) {
      frame.appendByte((byte) (0x80 | payload.length));
    } else if (payload.length < 65536) {
      frame.appendByte((byte) (0x80 | 126)).appendUnsignedShort(payload.length);
    } else {
      frame.appendByte((byte) (0x80 | 127)).appendLong(payload.length);
    }
    return frame.appendInt(0).appendBytes(payload);
  }

  /** Sends {@code bytes} as they are (hand-made frames, broken ones included). */
  public void sendBytes(Buffer bytes) {
    TestNode.await(socket.write(bytes));
  }

  private synchronized void received(Buffer data) {
    buffer.appendBuffer(data);
    if (!upgraded) {
      String head = buffer.toString(StandardCharsets.ISO_8859_1);
      int end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      statusLine = head.substring(0, head.indexOf("\r\n"));
      buffer = buffer.getBuffer(end + 4, buffer.length());
      upgraded = true;
    }
    while (buffer.length() >= 2) {
      int b0 = buffer.getUnsignedByte(0);
      int b1 = buffer.getUnsignedByte(1);
      long length = b1 & 0x7F;
      int pos = 2;
      if (length == 126) {
        if (buffer.length() < 4) {
          return;
        }
        length = buffer.getUnsignedShort(2);
        pos = 4;
      } else if (length == 127) {
        if (buffer.length() < 10) {
          return;
        }
        length = buffer.getLong(2);
        pos = 10;
      }
      if ((b1 & 0x80) != 0) {
        throw new IllegalStateException("a server must not mask its frames");
      }
      if (buffer.length() < pos + length) {
        return;
      }
      int opcode = b0 & 0x0F;
      Buffer payload = buffer.getBuffer(pos, pos + (int) length);
      if (opcode == 0x1) {
        texts.add(payload.toString(StandardCharsets.UTF_8));
      } else if (opcode == 0xA) {
        pongs.add(payload.toString(StandardCharsets.UTF_8));
      }
      opcodes.add(opcode);
      if (opcode == 0x8 && length >= 2) {
        closeCode = payload.getUnsignedShort(0);
      }
      buffer = buffer.getBuffer(pos + (int) length, buffer.length());
    }
  }

  @Override
  public void close() {
    socket.close();
    tcp.close();
  }
}
