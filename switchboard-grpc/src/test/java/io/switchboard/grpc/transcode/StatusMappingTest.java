package io.switchboard.grpc.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP status to gRPC status table of docs/grpc.md, and the description and trailers. */
class StatusMappingTest {
  @Test
  void everyDocumentedStatusMapsToItsCode() {
    Map<Integer, Status.Code> table =
        Map.ofEntries(
            Map.entry(400, Status.Code.INVALID_ARGUMENT),
            Map.entry(401, Status.Code.UNAUTHENTICATED),
            Map.entry(403, Status.Code.PERMISSION_DENIED),
            Map.entry(404, Status.Code.NOT_FOUND),
            Map.entry(409, Status.Code.ABORTED),
            Map.entry(413, Status.Code.RESOURCE_EXHAUSTED),
            Map.entry(429, Status.Code.RESOURCE_EXHAUSTED),
            Map.entry(502, Status.Code.UNAVAILABLE),
            Map.entry(503, Status.Code.UNAVAILABLE),
            Map.entry(504, Status.Code.DEADLINE_EXCEEDED),
            Map.entry(500, Status.Code.INTERNAL),
            Map.entry(418, Status.Code.INTERNAL));
    table.forEach(
        (http, code) -> assertThat(StatusMapping.code(http)).as("%d", http).isEqualTo(code));
  }

  @Test
  void theFailureCarriesTheTwinsCodeMessageAndStatus() {
    StatusRuntimeException e = StatusMapping.failure(400, "invalid_room", "room must be ns:name");
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).isEqualTo("invalid_room: room must be ns:name");
    assertThat(e.getTrailers().get(StatusMapping.ERROR_CODE)).isEqualTo("invalid_room");
    assertThat(e.getTrailers().get(StatusMapping.HTTP_STATUS)).isEqualTo("400");
  }

  @Test
  void pathSegmentsKeepOnlyUnreservedCharacters() {
    assertThat(PathSegments.encode("chat:a/b c")).isEqualTo("chat%3Aa%2Fb%20c");
    assertThat(PathSegments.encode("A-z_0.9~")).isEqualTo("A-z_0.9~");
    assertThat(PathSegments.encode("é+?&#%")).isEqualTo("%C3%A9%2B%3F%26%23%25");
    assertThat(PathSegments.encode(null)).isEmpty();
  }

  @Test
  void aWildcardServerHostIsReachedOnLoopback() {
    assertThat(HttpTwin.loopback("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(HttpTwin.loopback("::")).isEqualTo("127.0.0.1");
    assertThat(HttpTwin.loopback("10.0.0.5")).isEqualTo("10.0.0.5");
  }

  @Test
  void credentialsNeverShowTheirValues() {
    Credentials c = new Credentials("secret-key-123", "Bearer secret.jwt");
    assertThat(c.toString()).doesNotContain("secret");
    assertThat(c.none()).isFalse();
    assertThat(new Credentials(null, "").none()).isTrue();
  }
}
