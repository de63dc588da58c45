/**
 * The {@code switchboard.v1.Switchboard} service: one method per RPC, each naming its HTTP twin.
 */
package io.switchboard.grpc.service;
