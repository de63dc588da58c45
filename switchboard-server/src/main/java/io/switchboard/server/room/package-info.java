/**
 * What the WebSocket gateway, the server API and the backend consumer share (SPEC C1 "Rooms"): room
 * policy by namespace, the one publish path (history, forward, snapshot), routing keys of forwarded
 * publications, and the request errors with their wire codes.
 */
package io.switchboard.server.room;
