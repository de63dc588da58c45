/** What follows a command's commit: room feeds and the user's notification (SPEC C2; issue 8). */
package io.switchboard.commands.outcome;
