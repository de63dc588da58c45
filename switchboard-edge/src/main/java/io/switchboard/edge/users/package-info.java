/**
 * Users (SPEC C5; seed 002; issue 11 point 1): the {@link io.switchboard.edge.users.User} record
 * and its documents on the store port, emails unique case-insensitively ({@link
 * io.switchboard.edge.users.Users}).
 */
package io.switchboard.edge.users;
