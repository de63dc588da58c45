package io.switchboard.commands.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one board (the example domain of SPEC C2 and seed 003): its title and its cards in
 * order; a card's position is its index among the cards of its column. Immutable; the same fold
 * serves the aggregate and the {@code boards} projection.
 *
 * @param id the board id, {@code null} before {@code board.created}
 * @param title its title
 * @param cards every card, in order
 */
public record Board(String id, String title, List<Card> cards) {
  /** Before {@code board.created}. */
  public static final Board NONE = new Board(null, null, List.of());

  /** Most cards a board holds; {@code card.add} beyond it is rejected. */
  public static final int MAX_CARDS = 1000;

  /**
   * A card.
   *
   * @param id its id (assigned by the server)
   * @param title its title
   * @param column its column
   */
  public record Card(String id, String title, String column) {}

  public Board {
    cards = List.copyOf(cards);
  }

  /** Whether {@code board.created} happened. */
  public boolean exists() {
    return id != null;
  }

  /** The card {@code cardId}, or {@code null}. */
  public Card card(String cardId) {
    return cards.stream().filter(c -> c.id().equals(cardId)).findFirst().orElse(null);
  }

  /** How many cards {@code column} holds. */
  public int columnSize(String column) {
    return (int) cards.stream().filter(c -> c.column().equals(column)).count();
  }

  /**
   * Folds an event: {@code board.created {boardId, title}}, {@code card.added {cardId, title,
   * column}}, {@code card.moved {cardId, column, position}}, {@code card.removed {cardId}}; other
   * types leave the board as it is.
   */
  public Board apply(String type, JsonObject data) {
    List<Card> next = new ArrayList<>(cards);
    switch (type) {
      case BoardEvents.CREATED:
        return new Board(data.getString("boardId"), data.getString("title"), List.of());
      case BoardEvents.CARD_ADDED:
        next.add(
            new Card(data.getString("cardId"), data.getString("title"), data.getString("column")));
        break;
      case BoardEvents.CARD_MOVED:
        Card moved = card(data.getString("cardId"));
        if (moved == null) {
          return this;
        }
        next.remove(moved);
        insert(
            next,
            new Card(moved.id(), moved.title(), data.getString("column")),
            data.getInteger("position", Integer.MAX_VALUE));
        break;
      case BoardEvents.CARD_REMOVED:
        next.removeIf(c -> c.id().equals(data.getString("cardId")));
        break;
      default:
        return this;
    }
    return new Board(id, title, next);
  }

  /** Puts {@code card} at {@code position} among its column's cards (at the end when beyond). */
  private static void insert(List<Card> cards, Card card, int position) {
    int seen = 0;
    for (int i = 0; i < cards.size(); i++) {
      if (cards.get(i).column().equals(card.column()) && seen++ == position) {
        cards.add(i, card);
        return;
      }
    }
    cards.add(card);
  }

  /**
   * The board as a document and {@code board.update} data: {@code {id, title, version, cards:[{id,
   * title, column, position}]}}.
   *
   * @param version the stream version the board reflects
   */
  public JsonObject toJson(long version) {
    JsonArray list = new JsonArray();
    Map<String, Integer> positions = new HashMap<>();
    for (Card c : cards) {
      int p = positions.merge(c.column(), 1, Integer::sum) - 1;
      list.add(
          new JsonObject()
              .put("id", c.id())
              .put("title", c.title())
              .put("column", c.column())
              .put("position", p));
    }
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("version", version)
        .put("cards", list);
  }

  /** Reads {@link #toJson}'s form back; {@code null} is {@link #NONE}. */
  public static Board fromJson(JsonObject doc) {
    if (doc == null) {
      return NONE;
    }
    List<Card> cards = new ArrayList<>();
    for (Object o : doc.getJsonArray("cards", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      cards.add(new Card(c.getString("id"), c.getString("title"), c.getString("column")));
    }
    return new Board(doc.getString("id"), doc.getString("title"), cards);
  }
}
