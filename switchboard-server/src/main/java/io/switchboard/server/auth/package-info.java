/**
 * Client authentication (SPEC C1 "Authentication"): which token of a WebSocket handshake is used,
 * JWT verification with HS256, RS256/ES256 and a refreshed JWKS, and the resulting principal.
 * Tokens and keys are never logged.
 */
package io.switchboard.server.auth;
