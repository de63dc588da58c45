package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Encodes a complete WebSocket text frame once, header included (RFC 6455 §5.2: FIN, opcode 0x1, no
 * mask, since server frames are never masked), so that a fan-out writes the same bytes to every
 * subscriber: each write is a {@link ByteBuf#duplicate()} of one buffer, with no per-subscriber
 * encoding or copying. The buffers are unreleasable and freed by the garbage collector, so they can
 * be shared across event loops without reference counting.
 */
final class WireFrames {
  private WireFrames() {}

  /**
   * A text frame carrying {@code payload} (UTF-8 JSON).
   *
   * @param direct allocate off-heap (for fan-outs: the native transport then writes it without
   *     copying); heap for single replies
   */
  static ByteBuf text(byte[] payload, boolean direct) {
    int n = payload.length;
    int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
    ByteBuffer b = direct ? ByteBuffer.allocateDirect(header + n) : ByteBuffer.allocate(header + n);
    b.put((byte) 0x81);
    if (n < 126) {
      b.put((byte) n);
    } else if (n < 65536) {
      b.put((byte) 126).putShort((short) n);
    } else {
      b.put((byte) 127).putLong(n);
    }
    b.put(payload).flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(b));
  }

  /** The payload length of a frame made by {@link #text}, in bytes. */
  static int payloadLength(ByteBuf frame) {
    int len = frame.getByte(frame.readerIndex() + 1) & 0x7F;
    return len < 126
        ? len
        : len == 126
            ? frame.getUnsignedShort(frame.readerIndex() + 2)
            : (int) frame.getLong(frame.readerIndex() + 2);
  }
}
