/**
 * The server API over gRPC (issue 11 point 4; docs/grpc.md): {@link
 * io.switchboard.grpc.GrpcCapability} serves {@code switchboard.v1.Switchboard} ({@code
 * src/main/proto/switchboard.proto}; stubs in {@code io.switchboard.grpc.v1}, generated at build
 * time), each call transcoded to its HTTP twin on the node's own port.
 */
package io.switchboard.grpc;
