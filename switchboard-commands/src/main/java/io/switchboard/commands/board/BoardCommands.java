package io.switchboard.commands.board;

import static io.switchboard.commands.domain.BodyFields.id;
import static io.switchboard.commands.domain.BodyFields.optionalInt;
import static io.switchboard.commands.domain.BodyFields.string;

import io.switchboard.commands.domain.Aggregate;
import io.switchboard.commands.domain.CommandInfo;
import io.switchboard.commands.domain.CommandType;
import io.switchboard.commands.domain.Decision;
import io.switchboard.commands.domain.EventDraft;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The board's commands (SPEC C2 example domain): {@code board.create {title}}, {@code card.add
 * {boardId, title, column}}, {@code card.move {boardId, cardId, column, position?}}, {@code
 * card.remove {boardId, cardId}}. Titles are at most 200 characters, columns 50, ids 1-100 of
 * {@code A-Z a-z 0-9 . _ : -}; the server assigns board and card ids at intake.
 */
public final class BoardCommands {
  /** The board aggregate: streams {@code board-<id>}. */
  public static final Aggregate<Board> AGGREGATE =
      new Aggregate<>("board", Board.NONE, Board::apply);

  private BoardCommands() {}

  /** {@code board.create}: the server picks {@code boardId}. */
  public record Create(String boardId, String title) {}

  /** {@code card.add}: the server picks {@code cardId}. */
  public record Add(String boardId, String cardId, String title, String column) {}

  /** {@code card.move}: {@code position} among the column's cards, {@code null} for the end. */
  public record Move(String boardId, String cardId, String column, Integer position) {}

  /** {@code card.remove}. */
  public record Remove(String boardId, String cardId) {}

  /** The four command types. */
  public static List<CommandType<?, Board>> types() {
    return List.of(
        new CommandType<>(
            "board.create",
            AGGREGATE,
            Create.class,
            b -> new Create(UUID.randomUUID().toString(), string(b, "title", 200)),
            Create::boardId,
            (board, c, info) ->
                board.exists()
                    ? Decision.reject("board " + c.boardId() + " exists already")
                    : Decision.accept(
                        event(
                            BoardEvents.CREATED,
                            new JsonObject().put("boardId", c.boardId()).put("title", c.title())))),
        new CommandType<>(
            "card.add",
            AGGREGATE,
            Add.class,
            b ->
                new Add(
                    id(b, "boardId"),
                    UUID.randomUUID().toString(),
                    string(b, "title", 200),
                    string(b, "column", 50)),
            Add::boardId,
            BoardCommands::add),
        new CommandType<>(
            "card.move",
            AGGREGATE,
            Move.class,
            b ->
                new Move(
                    id(b, "boardId"),
                    id(b, "cardId"),
                    string(b, "column", 50),
                    optionalInt(b, "position", 0, Board.MAX_CARDS)),
            Move::boardId,
            BoardCommands::move),
        new CommandType<>(
            "card.remove",
            AGGREGATE,
            Remove.class,
            b -> new Remove(id(b, "boardId"), id(b, "cardId")),
            Remove::boardId,
            (board, r, info) -> {
              if (!board.exists()) {
                return missingBoard(r.boardId());
              }
              return board.card(r.cardId()) == null
                  ? missingCard(r.cardId(), r.boardId())
                  : Decision.accept(
                      event(BoardEvents.CARD_REMOVED, new JsonObject().put("cardId", r.cardId())));
            }));
  }

  private static Decision add(Board board, Add a, CommandInfo info) {
    if (!board.exists()) {
      return missingBoard(a.boardId());
    }
    if (board.cards().size() >= Board.MAX_CARDS) {
      return Decision.reject("board " + a.boardId() + " has " + Board.MAX_CARDS + " cards already");
    }
    return Decision.accept(
        event(
            BoardEvents.CARD_ADDED,
            new JsonObject()
                .put("cardId", a.cardId())
                .put("title", a.title())
                .put("column", a.column())));
  }

  private static Decision move(Board board, Move m, CommandInfo info) {
    if (!board.exists()) {
      return missingBoard(m.boardId());
    }
    Board.Card card = board.card(m.cardId());
    if (card == null) {
      return missingCard(m.cardId(), m.boardId());
    }
    int others = board.columnSize(m.column()) - (card.column().equals(m.column()) ? 1 : 0);
    int position = m.position() == null ? others : Math.min(m.position(), others);
    return Decision.accept(
        event(
            BoardEvents.CARD_MOVED,
            new JsonObject()
                .put("cardId", m.cardId())
                .put("column", m.column())
                .put("position", position)));
  }

  private static Decision missingBoard(String boardId) {
    return Decision.reject("board " + boardId + " does not exist");
  }

  private static Decision missingCard(String cardId, String boardId) {
    return Decision.reject("card " + cardId + " is not on board " + boardId);
  }

  private static EventDraft event(String type, JsonObject data) {
    return new EventDraft(type, data);
  }
}
