/** The shapes of commands and events on the broker and the command shards (SPEC C2; issue 8). */
package io.switchboard.commands.wire;
