/**
 * The registry port: members under a key with expiry (SPEC "Engines"; the tunnel's project
 * registry, SPEC C4).
 */
package io.switchboard.core.registry;
