package io.switchboard.hooks.telegram;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The bot's answers: {@code /status} (nodes, connections, rooms, workflows running: {@link
 * NodeReports}), {@code /help} (and {@code /start}); any other text gets the help with a note that
 * the command is unknown. A command may carry the bot's name ({@code /status@my_bot}).
 */
public final class BotCommands {
  /** The help text. */
  public static final String HELP =
      "Switchboard bot\n"
          + "/status - nodes, connections, rooms and workflows running\n"
          + "/help - this text\n"
          + "Workflow and command outcomes are posted to the configured chat.";

  private final NodeReports reports;

  /**
   * @param reports the nodes' figures
   */
  public BotCommands(NodeReports reports) {
    this.reports = reports;
  }

  /**
   * The answer to {@code text}.
   *
   * @return the reply text; failed if the store is unreachable for {@code /status}
   */
  public Future<String> answer(String text) {
    String command = text == null ? "" : text.trim().split("\\s+", 2)[0];
    int at = command.indexOf('@');
    if (at > 0) {
      command = command.substring(0, at);
    }
    return switch (command.toLowerCase(Locale.ROOT)) {
      case "/status" -> reports.live().map(BotCommands::status);
      case "/help", "/start" -> Future.succeededFuture(HELP);
      default -> Future.succeededFuture("Unknown command.\n" + HELP);
    };
  }

  static String status(List<JsonObject> nodes) {
    long connections = 0;
    long rooms = 0;
    long workflows = 0;
    StringBuilder lines = new StringBuilder();
    for (JsonObject n : nodes) {
      connections += n.getLong("connections", 0L);
      rooms += n.getLong("rooms", 0L);
      workflows += n.getLong("workflows_running", 0L);
      lines
          .append("\n- ")
          .append(n.getString("node"))
          .append(": ")
          .append(n.getLong("connections", 0L))
          .append(" connections, ")
          .append(n.getLong("rooms", 0L))
          .append(" rooms");
    }
    return "Switchboard status\nnodes: "
        + nodes.size()
        + "\nconnections: "
        + connections
        + "\nrooms: "
        + rooms
        + "\nworkflows running: "
        + workflows
        + lines;
  }
}
