/**
 * Webhook endpoints registered through the server API, stored on the store port (collection {@code
 * hooks_endpoints}), and the event patterns they subscribe with.
 */
package io.switchboard.hooks.endpoint;
