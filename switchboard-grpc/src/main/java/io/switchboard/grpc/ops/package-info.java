/** The gRPC capability's meters ({@link io.switchboard.grpc.ops.GrpcMetrics}). */
package io.switchboard.grpc.ops;
