/**
 * The transcoding to the HTTP twins: {@link io.switchboard.grpc.transcode.HttpTwin} (the loopback
 * call), {@link io.switchboard.grpc.transcode.Credentials} (metadata to headers), {@link
 * io.switchboard.grpc.transcode.StatusMapping} (HTTP status to gRPC status) and {@link
 * io.switchboard.grpc.transcode.PathSegments} (percent-encoding).
 */
package io.switchboard.grpc.transcode;
