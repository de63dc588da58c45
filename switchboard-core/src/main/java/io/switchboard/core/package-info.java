/**
 * The domain core of Switchboard (SPEC "Engines"): the set of engine ports a node runs on ({@link
 * io.switchboard.core.Ports}), the lifecycle of a real engine ({@link io.switchboard.core.Engine}),
 * and small helpers shared by every module (JSON string literals, secret masking). Depends on
 * vertx-core only; the ports live in the sub-packages, their memory implementations in {@code
 * memory}.
 */
package io.switchboard.core;
