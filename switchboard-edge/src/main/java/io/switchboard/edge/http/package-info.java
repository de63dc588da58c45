/**
 * The edge's HTTP routes (SPEC C5; seed 002; issue 11 point 1): register, login, validate, profile
 * and the JWKS ({@link io.switchboard.edge.http.AuthRoutes}). See docs/edge.md.
 */
package io.switchboard.edge.http;
