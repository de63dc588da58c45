package io.switchboard.commands.board;

/** The board's event types (SPEC C2 example domain); routing keys {@code board.<type>}. */
public final class BoardEvents {
  /** {@code {boardId, title}} */
  public static final String CREATED = "board.created";

  /** {@code {cardId, title, column}} */
  public static final String CARD_ADDED = "card.added";

  /** {@code {cardId, column, position}} */
  public static final String CARD_MOVED = "card.moved";

  /** {@code {cardId}} */
  public static final String CARD_REMOVED = "card.removed";

  private BoardEvents() {}
}
