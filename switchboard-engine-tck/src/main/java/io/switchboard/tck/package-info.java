/**
 * Abstract contract suites, one per engine port (SPEC "Engines"): each engine module runs them by
 * subclassing with a factory for the one port a suite tests; this module's own tests run them on
 * the memory ports.
 */
package io.switchboard.tck;
