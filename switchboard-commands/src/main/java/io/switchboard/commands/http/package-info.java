/**
 * The HTTP APIs of commands, events, projections and queries (SPEC C2; issue 8), with their error
 * codes.
 */
package io.switchboard.commands.http;
