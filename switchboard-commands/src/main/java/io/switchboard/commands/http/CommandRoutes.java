package io.switchboard.commands.http;

import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.intake.CommandIntake;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.regex.Pattern;

/**
 * The command API for users (SPEC C2; issue 8 point 1), with a user token ({@link UserAuth}):
 *
 * <pre>
 * POST /api/v1/commands/{type}  JSON body   → 202, empty body, Command-Id: id, Location: /api/v1/commands/id
 *      [Idempotency-Key: k] [Correlation-Id: c]
 * GET  /api/v1/commands/{id}                → 200 {id, type, user, stream, status, time, correlationId, version?, reason?}
 * </pre>
 *
 * 401 without a valid token, 404 {@code unknown_command} for an unregistered type, 400 {@code
 * bad_request} naming the field (nothing recorded or queued), 503 when the store is unreachable,
 * 404 for another user's command. A repeated {@code Idempotency-Key} of the same user answers 202
 * with the first command's id, and the command runs once.
 */
public final class CommandRoutes {
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final UserAuth auth;
  private final CommandIntake intake;
  private final Store store;

  CommandRoutes(UserAuth auth, CommandIntake intake, Store store) {
    this.auth = auth;
    this.intake = intake;
    this.store = store;
  }

  void mount(Router router, int maxBodyBytes) {
    router
        .post("/api/v1/commands/:type")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router.post("/api/v1/commands/:type").handler(this::post);
    router.get("/api/v1/commands/:id").handler(this::get);
  }

  private void post(RoutingContext rc) {
    auth.user(rc)
        .compose(
            user -> {
              String type = rc.pathParam("type");
              if (!intake.knows(type)) {
                throw new CommandException(CommandError.UNKNOWN_COMMAND, "no command type " + type);
              }
              String key = header(rc, "Idempotency-Key");
              String correlation = header(rc, "Correlation-Id");
              var command = intake.prepare(type, user, Replies.body(rc), correlation);
              return intake.submit(command, key);
            })
        .onSuccess(
            id ->
                rc.response()
                    .setStatusCode(202)
                    .putHeader("Command-Id", id)
                    .putHeader("Location", "/api/v1/commands/" + id)
                    .end())
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void get(RoutingContext rc) {
    auth.user(rc)
        .compose(
            user ->
                store
                    .get(CommandRecords.COMMANDS, rc.pathParam("id"))
                    .compose(
                        doc -> {
                          JsonObject record = doc == null ? null : new JsonObject(doc.json());
                          if (record == null || !user.equals(record.getString("user"))) {
                            return Future.failedFuture(
                                new CommandException(CommandError.NOT_FOUND, "no such command"));
                          }
                          return Future.succeededFuture(record);
                        }))
        .onSuccess(record -> Replies.json(rc, 200, record))
        .onFailure(e -> Replies.fail(rc, e));
  }

  /** An optional header of 1-200 visible ASCII characters; 400 naming it otherwise. */
  private static String header(RoutingContext rc, String name) {
    String v = rc.request().getHeader(name);
    if (v != null && !HEADER_VALUE.matcher(v).matches()) {
      throw new CommandException(
          CommandError.BAD_REQUEST, "header " + name + " must be 1-200 visible ASCII characters");
    }
    return v;
  }
}
