/**
 * The configuration records (SPEC "Operations"; {@code docs/configuration.md}), one per section,
 * each with a {@code DEFAULT}; the app binds them from YAML and {@code SWITCHBOARD_*} variables and
 * validates them before a node starts.
 */
package io.switchboard.server.config;
