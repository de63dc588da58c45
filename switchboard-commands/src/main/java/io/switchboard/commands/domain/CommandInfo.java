package io.switchboard.commands.domain;

/**
 * Who sent a command, for a handler (SPEC C2).
 *
 * @param id the command id (a UUID)
 * @param user the user ({@code sub} of the token)
 * @param time when it was accepted, epoch milliseconds
 */
public record CommandInfo(String id, String user, long time) {}
