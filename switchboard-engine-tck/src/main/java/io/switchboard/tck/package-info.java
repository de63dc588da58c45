/**
 * Abstract contract suites, one per engine port (SPEC "Engines"): each engine module runs them
 * by subclassing with a factory for its {@link io.switchboard.core.Engine}; this module's own
 * tests run them on the memory engine.
 */
package io.switchboard.tck;
