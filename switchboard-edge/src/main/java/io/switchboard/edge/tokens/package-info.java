/**
 * Access tokens (SPEC C5; issue 11 point 1): ES256 JWTs signed with a P-256 key the node generates
 * once and keeps on the store ({@link io.switchboard.edge.tokens.SigningKeys}), verified by {@code
 * kid} ({@link io.switchboard.edge.tokens.AccessTokens}) and published as a JWKS.
 */
package io.switchboard.edge.tokens;
