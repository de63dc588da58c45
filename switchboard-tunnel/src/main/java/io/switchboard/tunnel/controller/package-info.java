/**
 * The controllers connected to this node ({@code GET /event/ws}, SPEC C4): the upgrade's checks,
 * one {@link io.switchboard.tunnel.controller.ControllerSocket} per connection, and the node's
 * {@link io.switchboard.tunnel.controller.Controllers} with the registry entries and heartbeats.
 */
package io.switchboard.tunnel.controller;
