/**
 * The distributed lock port (SPEC "Engines", locks; SPEC C4): {@code SET NX PX} with a random
 * token, released by compare-and-delete, so a lock is never released by someone who no longer holds
 * it.
 */
package io.switchboard.core.lock;
