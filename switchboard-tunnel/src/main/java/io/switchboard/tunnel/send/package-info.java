/**
 * The request path (SPEC C4): {@code POST /event/send} on the node that waits ({@link
 * io.switchboard.tunnel.send.Pending}), and the delivery to one controller, under the request's
 * lock, on the node that holds it ({@link io.switchboard.tunnel.send.Delivery}).
 */
package io.switchboard.tunnel.send;
