package io.switchboard.app.cli;

import io.switchboard.app.config.ConfigException;
import io.switchboard.server.config.AuthConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard token --sub <user> [--ttl 1h] [--claim k=v ...] [--rooms chat:1,board:*]}
 * (SPEC "Operations"): mints a development HS256 JWT signed with {@code auth.hmacSecret}, with the
 * configured issuer and audience, and prints it on stdout. Claims: {@code sub}, {@code exp} ({@code
 * --ttl}, default 1 h), {@code iat}, every {@code --claim} as text, {@code rooms} as an array when
 * given. Exit 2 when no secret of at least 32 bytes is configured, the configuration cannot be
 * loaded, or {@code --ttl} is not positive (up to 68 years).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Mint a development JWT (HS256, signed with auth.hmacSecret) and print it.")
public final class TokenCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(
      names = "--sub",
      required = true,
      paramLabel = "<user>",
      description = "The user id (sub claim).")
  String sub;

  @Option(
      names = "--ttl",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Lifetime, e.g. 30m, 1h, 7d (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(
      names = "--claim",
      paramLabel = "<key=value>",
      description = "An extra text claim; repeatable.")
  Map<String, String> claims = new LinkedHashMap<>();

  @Option(
      names = "--rooms",
      split = ",",
      paramLabel = "<room>",
      description = "Rooms for the 'rooms' claim (access: claim), e.g. chat:1,board:*.")
  List<String> rooms = List.of();

  private final Map<String, String> env;

  /**
   * @param env the environment ({@code SWITCHBOARD_*} overrides, {@code SWITCHBOARD_CONFIG})
   */
  public TokenCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @return 0 with the token printed; 2 on a configuration or usage problem (printed to stderr)
   */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AuthConfig auth;
    try {
      auth = config.load(env).auth();
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 2;
    }
    int bytes = auth.hmacSecret().getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 32) {
      err.println(
          "auth.hmacSecret: "
              + (bytes == 0 ? "is not set" : "is too short")
              + ", cannot sign tokens (allowed: at least 32 bytes; set SWITCHBOARD_AUTH_HMAC_SECRET)");
      err.flush();
      return 2;
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() > Integer.MAX_VALUE) {
      err.println(
          "--ttl: "
              + ttl
              + " is not a usable lifetime (allowed: a positive duration up to 68 years)");
      err.flush();
      return 2;
    }
    spec.commandLine().getOut().println(mint(auth));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String mint(AuthConfig auth) {
    Vertx vertx = Vertx.vertx();
    try {
      JWTAuth jwt =
          JWTAuth.create(
              vertx,
              new JWTAuthOptions()
                  .addPubSecKey(
                      new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(auth.hmacSecret())));
      JsonObject payload = new JsonObject();
      claims.forEach(payload::put);
      if (!rooms.isEmpty()) {
        payload.put("rooms", new JsonArray(List.copyOf(rooms)));
      }
      payload.put("sub", sub);
      JWTOptions options =
          new JWTOptions()
              .setAlgorithm("HS256")
              .setSubject(sub)
              .setExpiresInSeconds((int) ttl.toSeconds());
      if (!auth.issuer().isEmpty()) {
        options.setIssuer(auth.issuer());
      }
      if (!auth.audience().isEmpty()) {
        options.setAudience(List.of(auth.audience()));
      }
      return jwt.generateToken(payload, options);
    } finally {
      vertx.close();
    }
  }
}
