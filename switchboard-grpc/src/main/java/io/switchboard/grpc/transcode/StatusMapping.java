package io.switchboard.grpc.transcode;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * An HTTP error answer as a gRPC status (docs/grpc.md "Status mapping"): 400 {@code
 * INVALID_ARGUMENT}, 401 {@code UNAUTHENTICATED}, 403 {@code PERMISSION_DENIED}, 404 {@code
 * NOT_FOUND}, 409 {@code ABORTED}, 413 and 429 {@code RESOURCE_EXHAUSTED}, 502 and 503 {@code
 * UNAVAILABLE}, 504 {@code DEADLINE_EXCEEDED}, any other {@code INTERNAL}. The description is
 * {@code "<code>: <message>"} of the HTTP error body {@code {"error":{"code","message"}}}; the
 * trailers carry {@code switchboard-http-status} and {@code switchboard-error-code}.
 */
public final class StatusMapping {
  /** The HTTP status the twin answered, in the trailers of a failed call. */
  public static final Metadata.Key<String> HTTP_STATUS =
      Metadata.Key.of("switchboard-http-status", Metadata.ASCII_STRING_MARSHALLER);

  /** The HTTP twin's error code ({@code invalid_room}, …), in the trailers of a failed call. */
  public static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("switchboard-error-code", Metadata.ASCII_STRING_MARSHALLER);

  private StatusMapping() {}

  /** The gRPC code for an HTTP status (see the class comment). */
  public static Status.Code code(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.Code.INVALID_ARGUMENT;
      case 401 -> Status.Code.UNAUTHENTICATED;
      case 403 -> Status.Code.PERMISSION_DENIED;
      case 404 -> Status.Code.NOT_FOUND;
      case 409 -> Status.Code.ABORTED;
      case 413, 429 -> Status.Code.RESOURCE_EXHAUSTED;
      case 502, 503 -> Status.Code.UNAVAILABLE;
      case 504 -> Status.Code.DEADLINE_EXCEEDED;
      default -> Status.Code.INTERNAL;
    };
  }

  /**
   * The failure for an HTTP answer.
   *
   * @param httpStatus the twin's status
   * @param code the twin's error code ({@code bad_request}, …); {@code http_<status>} when its body
   *     had none
   * @param message the twin's error message
   */
  public static StatusRuntimeException failure(int httpStatus, String code, String message) {
    Metadata trailers = new Metadata();
    trailers.put(HTTP_STATUS, Integer.toString(httpStatus));
    trailers.put(ERROR_CODE, code);
    return Status.fromCode(code(httpStatus))
        .withDescription(code + ": " + message)
        .asRuntimeException(trailers);
  }
}
