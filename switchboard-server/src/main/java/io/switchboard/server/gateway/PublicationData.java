package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The dialect of a watch socket ({@link WatchMode}): a publication's {@code event} frame becomes
 * its {@code data} alone; every other native frame ({@code joined}, presence, replies,
 * notifications) is dropped. Only watch sockets pay the re-encoding, one small JSON per publication
 * of the one room they follow; native members still share the fan-out's one encoding.
 */
final class PublicationData implements UnaryOperator<ByteBuf> {
  static final PublicationData INSTANCE = new PublicationData();

  private static final byte[] EVENT = "{\"type\":\"event\",".getBytes(StandardCharsets.UTF_8);

  private PublicationData() {}

  @Override
  public ByteBuf apply(ByteBuf frame) {
    int length = WireFrames.payloadLength(frame);
    int start = frame.readerIndex() + (length < 126 ? 2 : length < 65536 ? 4 : 10);
    if (length < EVENT.length) {
      return null;
    }
    for (int i = 0; i < EVENT.length; i++) { // Frames.eventJson starts so; nothing else does
      if (frame.getByte(start + i) != EVENT[i]) {
        return null;
      }
    }
    byte[] payload = new byte[length];
    frame.getBytes(start, payload);
    Object data = new JsonObject(Buffer.buffer(payload)).getValue("data");
    return WireFrames.text(Json.encode(data).getBytes(StandardCharsets.UTF_8), false);
  }
}
