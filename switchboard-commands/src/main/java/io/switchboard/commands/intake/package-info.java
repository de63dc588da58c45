/** Accepting commands: parse, id, record and queue in one transaction (SPEC C2; issue 8). */
package io.switchboard.commands.intake;
