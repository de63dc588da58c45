/**
 * The runnable Switchboard (SPEC "Operations"): {@link io.switchboard.app.Main}, the {@code
 * switchboard} command line, over the configuration, CLI and engine wiring of the sub-packages.
 */
package io.switchboard.app;
