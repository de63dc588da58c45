/**
 * The embedded in-memory implementations of the engine ports (SPEC "Engines"): thread-safe,
 * returning already-completed futures; the default of every port and the test double, held to the
 * same contract suites as the real engines. {@link io.switchboard.core.memory.MemoryEngine}
 * assembles the whole set into {@link io.switchboard.core.Ports}.
 */
package io.switchboard.core.memory;
