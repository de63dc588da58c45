package io.switchboard.grpc.transcode;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * The caller's credentials, taken from the call's metadata and handed to the HTTP twin as the same
 * headers (docs/grpc.md "Authentication"): {@code x-api-key: <key>} becomes {@code X-API-Key}, and
 * {@code authorization: apikey <key>} or {@code authorization: Bearer <jwt>} becomes {@code
 * Authorization}. The values are never logged.
 *
 * @param apiKey the {@code x-api-key} metadata, or null
 * @param authorization the {@code authorization} metadata, or null
 */
public record Credentials(String apiKey, String authorization) {
  static final Metadata.Key<String> API_KEY =
      Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Credentials> KEY = Context.key("switchboard-credentials");

  /** Whether neither metadata was sent (the call is refused before any HTTP call). */
  public boolean none() {
    return (apiKey == null || apiKey.isEmpty())
        && (authorization == null || authorization.isEmpty());
  }

  /** The credentials of the current call ({@link #interceptor} put them in its context). */
  public static Credentials current() {
    Credentials c = KEY.get();
    return c == null ? new Credentials(null, null) : c;
  }

  /** Puts each call's credentials in its {@link Context}, for {@link #current}. */
  public static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Credentials c = new Credentials(headers.get(API_KEY), headers.get(AUTHORIZATION));
        return Contexts.interceptCall(Context.current().withValue(KEY, c), call, headers, next);
      }
    };
  }

  /** Never shows the values. */
  @Override
  public String toString() {
    return "Credentials[apiKey="
        + (apiKey != null)
        + ", authorization="
        + (authorization != null)
        + "]";
  }
}
