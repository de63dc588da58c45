/** The wire to the node (SPEC C4, seed 000): the envelope codec and the reconnect backoff. */
package io.switchboard.agent.link;
