/**
 * Passwords (SPEC C5; seed 002; issue 11 point 1): the seed's strength rule ({@link
 * io.switchboard.edge.password.PasswordPolicy}) and Argon2id hashing with configured parameters,
 * rehashed on login when they change ({@link io.switchboard.edge.password.PasswordHasher}).
 */
package io.switchboard.edge.password;
