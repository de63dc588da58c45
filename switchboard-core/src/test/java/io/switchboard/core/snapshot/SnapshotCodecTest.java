package io.switchboard.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

  @Test
  void roundTripsUtf8Json() {
    String json = "{\"cards\":[\"é\",\"日本\",\"🙂\"],\"n\":" + "1".repeat(5000) + "}";
    byte[] packed = SnapshotCodec.compress(json);
    assertThat(packed.length).isLessThan(json.length());
    assertThat(packed[0] & 0xff).isEqualTo(0x1f); // gzip magic
    assertThat(SnapshotCodec.decompress(packed, SnapshotCodec.ENCODING)).isEqualTo(json);
  }

  @Test
  void roundTripsEmptyText() {
    assertThat(SnapshotCodec.decompress(SnapshotCodec.compress(""), "gzip")).isEmpty();
  }

  @Test
  void rejectsUnknownEncoding() {
    byte[] packed = SnapshotCodec.compress("{}");
    assertThatThrownBy(() -> SnapshotCodec.decompress(packed, "zstd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zstd");
  }

  @Test
  void rejectsCorruptData() {
    assertThatThrownBy(() -> SnapshotCodec.decompress(new byte[] {1, 2, 3}, "gzip"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
