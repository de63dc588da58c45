package io.switchboard.commands.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commands.domain.BadCommandException;
import io.switchboard.commands.domain.CommandInfo;
import io.switchboard.commands.domain.CommandType;
import io.switchboard.commands.domain.Decision;
import io.switchboard.commands.domain.EventDraft;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The board's commands decide and fold as documented (SPEC C2 example domain). */
class BoardCommandsTest {
  static final Map<String, CommandType<?, Board>> TYPES =
      BoardCommands.types().stream()
          .collect(Collectors.toMap(CommandType::name, Function.identity()));
  static final CommandInfo INFO = new CommandInfo("c1", "ann", 0);

  @SuppressWarnings("unchecked")
  static <B> Decision decide(String type, Board board, JsonObject body) {
    CommandType<B, Board> t = (CommandType<B, Board>) TYPES.get(type);
    B parsed = t.parse().apply(body);
    // the body travels as JSON: decide on what the consumer reads back
    B read = JsonObject.mapFrom(parsed).mapTo(t.bodyType());
    return t.decide().decide(board, read, INFO);
  }

  static Board fold(Board board, Decision d) {
    for (EventDraft e : ((Decision.Accepted) d).events()) {
      board = board.apply(e.type(), e.data());
    }
    return board;
  }

  @Test
  void createAssignsTheIdAndAddsMoveAndRemoveChangeTheCards() {
    Board b =
        fold(
            Board.NONE,
            decide("board.create", Board.NONE, new JsonObject().put("title", " Plan ")));
    assertThat(b.exists()).isTrue();
    assertThat(b.title()).isEqualTo("Plan");
    JsonObject card =
        new JsonObject().put("boardId", b.id()).put("title", "a").put("column", "todo");
    b = fold(b, decide("card.add", b, card));
    b = fold(b, decide("card.add", b, card.copy().put("title", "b")));
    String a = b.cards().get(0).id();
    String second = b.cards().get(1).id();
    assertThat(a).isNotEqualTo(second);
    b =
        fold(
            b,
            decide(
                "card.move",
                b,
                new JsonObject()
                    .put("boardId", b.id())
                    .put("cardId", second)
                    .put("column", "todo")
                    .put("position", 0)));
    assertThat(b.cards()).extracting(Board.Card::title).containsExactly("b", "a");
    b =
        fold(
            b,
            decide(
                "card.move",
                b,
                new JsonObject()
                    .put("boardId", b.id())
                    .put("cardId", second)
                    .put("column", "done")
                    .put("position", 99)));
    assertThat(b.toJson(5).getJsonArray("cards").getJsonObject(1))
        .isEqualTo(
            new JsonObject()
                .put("id", second)
                .put("title", "b")
                .put("column", "done")
                .put("position", 0));
    b = fold(b, decide("card.remove", b, new JsonObject().put("boardId", b.id()).put("cardId", a)));
    assertThat(b.cards()).extracting(Board.Card::id).containsExactly(second);
    assertThat(Board.fromJson(b.toJson(6))).isEqualTo(b);
  }

  @Test
  void commandsOnAMissingBoardOrCardAreRejected() {
    JsonObject move = new JsonObject().put("boardId", "b1").put("cardId", "x").put("column", "c");
    assertThat(decide("card.move", Board.NONE, move))
        .isEqualTo(Decision.reject("board b1 does not exist"));
    Board b = new Board("b1", "t", java.util.List.of());
    assertThat(decide("card.move", b, move))
        .isEqualTo(Decision.reject("card x is not on board b1"));
    assertThat(decide("card.remove", b, move))
        .isEqualTo(Decision.reject("card x is not on board b1"));
  }

  @Test
  void parsingNamesTheField() {
    assertThatThrownBy(
            () ->
                decide(
                    "card.add", Board.NONE, new JsonObject().put("boardId", "b").put("title", "t")))
        .isInstanceOf(BadCommandException.class)
        .hasMessage("field 'column' must be a non-empty string");
    assertThatThrownBy(
            () ->
                decide(
                    "card.move",
                    Board.NONE,
                    new JsonObject()
                        .put("boardId", "b")
                        .put("cardId", "c")
                        .put("column", "x")
                        .put("position", 1.5)))
        .hasMessageContaining("'position'");
  }
}
