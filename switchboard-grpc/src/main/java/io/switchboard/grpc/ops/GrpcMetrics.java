package io.switchboard.grpc.ops;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gRPC calls on {@code /metrics} (SPEC "Operations"): {@code
 * switchboard_grpc_calls_total{method, code}}, one per answered call, by RPC ({@code Publish}, …)
 * and gRPC status code ({@code OK}, {@code INVALID_ARGUMENT}, …). Both labels are bounded: a call
 * of an unknown method is answered by grpc-java before any interceptor. The loopback HTTP calls are
 * also counted by the node's HTTP meters.
 */
public final class GrpcMetrics implements ServerInterceptor {
  private final MeterRegistry registry;

  /**
   * @param registry the node's registry
   */
  public GrpcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts the call when it closes, with its final status. */
  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            Counter.builder("switchboard_grpc_calls_total")
                .description("gRPC calls answered, by method and status code")
                .tag("method", method == null ? "" : method)
                .tag("code", status.getCode().name())
                .register(registry)
                .increment();
            super.close(status, trailers);
          }
        },
        headers);
  }
}
