package io.switchboard.core.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of room snapshots (SPEC C1 "Join is consistent": snapshots are stored compressed and
 * decompressed for the client; seed 003 used gzip). The text is UTF-8 JSON.
 */
public final class SnapshotCodec {
  /** The encoding name stored in {@link Snapshot#encoding()} for gzip. */
  public static final String ENCODING = "gzip";

  private SnapshotCodec() {}

  /**
   * Gzip-compresses UTF-8 text.
   *
   * @param json the raw JSON text
   * @return the gzip bytes, to store with encoding {@link #ENCODING}
   */
  public static byte[] compress(String json) {
    Objects.requireNonNull(json, "json");
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length() / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
    return out.toByteArray();
  }

  /**
   * Decompresses a snapshot's data back to its UTF-8 text.
   *
   * @param data the stored bytes
   * @param encoding the stored encoding; only {@link #ENCODING} is known
   * @return the JSON text
   * @throws IllegalArgumentException for an unknown encoding or data that is not valid gzip
   */
  public static String decompress(byte[] data, String encoding) {
    Objects.requireNonNull(data, "data");
    if (!ENCODING.equals(encoding)) {
      throw new IllegalArgumentException("unknown snapshot encoding: " + encoding);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt gzip snapshot data", e);
    }
  }
}
