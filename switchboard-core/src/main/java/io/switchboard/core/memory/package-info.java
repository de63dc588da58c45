/**
 * The embedded in-memory engine: one implementation of every engine port (SPEC "Engines"),
 * thread-safe, returning already-completed futures. {@link io.switchboard.core.memory.MemoryEngine}
 * wires them into an {@link io.switchboard.core.Engine}.
 */
package io.switchboard.core.memory;
