/**
 * The HTTP server API for backends (SPEC C1 "Server API"): API-key protected routes under {@code
 * /api/v1/server} to publish, read presence and history, put and get snapshots, notify and
 * disconnect users.
 */
package io.switchboard.server.api;
