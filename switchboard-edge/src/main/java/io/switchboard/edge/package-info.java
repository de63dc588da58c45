/**
 * The edge (SPEC C5; seeds 002 and 004; issue 11): users and sign-in with Argon2id passwords, ES256
 * access tokens and a JWKS. {@link io.switchboard.edge.EdgeCapability} wires it into a node. See
 * docs/edge.md.
 */
package io.switchboard.edge;
