/**
 * Who may call each HTTP route of a node: one table for every route of the server and its
 * capabilities (SPEC C5; issue 11 point 2), held against the router by {@code RoutePolicyIT}.
 */
package io.switchboard.app.access;
