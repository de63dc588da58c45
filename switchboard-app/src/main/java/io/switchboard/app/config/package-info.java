/**
 * Loading and validating the configuration (SPEC "Operations"; {@code docs/configuration.md}):
 * defaults, then the YAML file, then {@code SWITCHBOARD_*} variables, bound by reflection to the
 * server's records and checked with every problem reported at once as {@code key: problem (allowed:
 * ...)}.
 */
package io.switchboard.app.config;
