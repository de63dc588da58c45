/**
 * The picocli subcommands (SPEC "Operations"): {@code serve} (the default), {@code check-config}
 * and {@code token}, with the shared {@code -c/--config} option; exit status 0, 1 (cannot start) or
 * 2 (configuration or usage).
 */
package io.switchboard.app.cli;
