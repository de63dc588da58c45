/**
 * Hooks (SPEC C5; issue 11 point 3): the node's signals (command outcomes, workflow ends, tunnel
 * agent connects) delivered to signed webhooks and to a Telegram chat, with retries, dead letters
 * and per-endpoint state on the store. {@link io.switchboard.hooks.HooksCapability} wires it into a
 * node. See docs/hooks.md.
 */
package io.switchboard.hooks;
