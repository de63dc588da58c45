/** The server API over gRPC (issue 11 point 4): a transcoder to the node's own HTTP routes. */
package io.switchboard.grpc;
