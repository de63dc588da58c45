/** What travels: the seed-000 envelope to and from controllers, and the node-to-node relays. */
package io.switchboard.tunnel.wire;
