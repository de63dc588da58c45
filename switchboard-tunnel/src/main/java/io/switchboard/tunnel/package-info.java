/**
 * The tunnel proxy (SPEC C4, seed 000; docs/tunnel.md): controllers that customers run behind their
 * firewalls dial out to {@code GET /event/ws}; {@code POST /event/send} sends a request to one
 * controller of a project, on whichever node it is connected, and answers with its reply, exactly
 * once. Packages by feature: {@code wire} (frames and node-to-node messages), {@code controller}
 * (the connected controllers of a node), {@code send} (the request path), {@code token} (project
 * tokens), {@code ops} (metrics).
 */
package io.switchboard.tunnel;
