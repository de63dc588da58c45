package io.switchboard.commands.board;

import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.domain.RoomFeed;

/**
 * Registers the collaborative board (SPEC C2: "the distribution ships a small real example domain …
 * used by the quickstart and the tests"; seed 003's board snapshot): its four commands, the {@code
 * boards} projection and query, and a feed that publishes each changed board as {@code
 * board.update} to room {@code board:<id>}, which the shipped {@code board} namespace keeps as the
 * room snapshot.
 */
public final class BoardDomain {
  /** The room event carrying the whole board. */
  public static final String UPDATE_EVENT = "board.update";

  private BoardDomain() {}

  /**
   * Adds the board to {@code domain}.
   *
   * @return {@code domain}
   */
  public static Domain register(Domain domain) {
    BoardCommands.types().forEach(domain::command);
    domain.projection(new BoardProjection());
    domain.query(BoardProjection.NAME, BoardProjection.NAME);
    domain.feed(
        new RoomFeed(
            BoardProjection.NAME,
            UPDATE_EVENT,
            e -> "board:" + e.aggregateId(),
            e -> e.aggregateId()));
    return domain;
  }
}
