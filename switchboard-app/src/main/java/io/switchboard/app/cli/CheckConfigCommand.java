package io.switchboard.app.cli;

import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.config.WorkflowsConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard check-config [-c file]} (SPEC "Operations"): loads and validates the
 * configuration; prints {@code config OK} and a summary with secrets masked (exit 0), or every
 * problem to stderr (exit 2).
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Load and validate the configuration, print a summary (secrets masked).")
public final class CheckConfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;
  private final Map<String, String> env;

  /**
   * @param env the environment ({@code SWITCHBOARD_*} overrides, {@code SWITCHBOARD_CONFIG})
   */
  public CheckConfigCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @return 0 when valid, 2 when not
   */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ConfigOption.Checked checked = config.loadChecked(env, spec.commandLine().getErr());
    if (checked == null) {
      return 2;
    }
    SwitchboardConfig c = checked.config();
    List<String> warnings = checked.warnings();
    Path file = config.resolve(env);
    out.println("config OK (" + (file == null ? "built-in defaults" : file) + " + environment)");
    out.println(
        "  node:       " + (c.node().id().isEmpty() ? "(random id at start)" : c.node().id()));
    out.println("  listen:     " + c.server().host() + ":" + c.server().port());
    out.println(
        "  engine:     "
            + c.engine().type()
            + ", broker "
            + c.engine().broker()
            + (c.engine().type().equals("redis")
                ? " (redis " + EngineConfig.masked(c.engine().redis().url()) + ")"
                : "")
            + (c.engine().broker().equals("rabbitmq")
                ? " (rabbitmq " + EngineConfig.masked(c.engine().rabbitmq().uri()) + ")"
                : "")
            + ", store "
            + c.engine().store()
            + (c.engine().store().equals("postgres")
                ? " (postgres " + EngineConfig.masked(c.engine().postgres().url()) + ")"
                : ""));
    out.println("  auth:       " + auth(c.auth()));
    out.println("  api keys:   " + c.api().keys().size() + " configured");
    out.println("  namespaces: " + String.join(", ", new TreeSet<>(c.namespaces().keySet())));
    out.println("  workflows:  " + workflows(c.workflows()));
    warnings.forEach(w -> out.println("warning: " + w));
    out.flush();
    return 0;
  }

  /** {@code workflow_exchange, types product (default product), 3 retries from 5s} or off. */
  private static String workflows(WorkflowsConfig w) {
    return w.enabled()
        ? w.exchange()
            + ", types "
            + String.join(", ", new TreeSet<>(w.definitions().keySet()))
            + " (default "
            + w.defaultType()
            + "), "
            + w.maxRetries()
            + " retries from "
            + w.retryDelay().toMillis()
            + " ms"
        : "off";
  }

  private static String auth(AuthConfig a) {
    String key =
        switch (a.algorithm()) {
          case "HS256" -> "hmacSecret " + (a.hmacSecret().isEmpty() ? "not set" : "*** (set)");
          default ->
              a.jwksUrl().isEmpty()
                  ? "publicKey <pem>"
                  : "jwksUrl " + a.jwksUrl().replaceAll("\\?.*", "?…");
        };
    return a.algorithm()
        + ", "
        + key
        + ", anonymous "
        + (a.anonymous() ? "on" : "off")
        + (a.issuer().isEmpty() ? "" : ", issuer " + a.issuer())
        + (a.audience().isEmpty() ? "" : ", audience " + a.audience());
  }
}
