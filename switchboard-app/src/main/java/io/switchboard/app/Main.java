package io.switchboard.app;

import io.switchboard.agent.AgentMain;
import io.switchboard.app.cli.CheckConfigCommand;
import io.switchboard.app.cli.ServeCommand;
import io.switchboard.app.cli.TokenCommand;
import io.switchboard.app.cli.WorkerCommand;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code switchboard} command line (SPEC "Operations"): {@code serve} (the default), {@code
 * token}, {@code check-config}, {@code worker} (the example workflow step services, issue 9),
 * {@code agent} (the tunnel agent, SPEC C4, docs/agent.md). Exit status 0 on success, 2 on a
 * configuration or usage error, 1 when the server (or the workers) cannot start. Only {@link #main}
 * calls {@code System.exit}.
 */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    version = "switchboard 0.1.0",
    description = "Real-time gateway for event-driven backends.")
public final class Main implements Runnable {
  private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

  /**
   * Runs the command line and exits with its status, except after a successful {@code serve},
   * {@code worker} or {@code agent}: then it returns and the Vert.x threads keep the JVM alive
   * until SIGTERM (graceful stop).
   *
   * @param args the arguments; without a subcommand {@code serve} is assumed
   */
  public static void main(String[] args) {
    CommandLine cli = commandLine(System.getenv());
    int code = cli.execute(withDefaultCommand(args));
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
    WorkerCommand worker = cli.getSubcommands().get("worker").getCommand();
    AgentMain agent = cli.getSubcommands().get("agent").getCommand();
    if (code != 0 || !(serve.started() || worker.started() || agent.started())) {
      System.exit(code);
    }
  }

  /**
   * The command line with every subcommand, reading {@code env} instead of the process environment
   * (tests inject it). Set its out/err writers before {@code execute}.
   *
   * @param env the environment: {@code SWITCHBOARD_CONFIG} and {@code SWITCHBOARD_*} overrides,
   *     {@code SWITCHBOARD_AGENT_*} for {@code agent}
   * @return a fresh picocli command line
   */
  public static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new Main())
        .addSubcommand(new ServeCommand(env))
        .addSubcommand(new TokenCommand(env))
        .addSubcommand(new CheckConfigCommand(env))
        .addSubcommand(new WorkerCommand(env))
        .addSubcommand(new AgentMain(env));
  }

  /**
   * Prepends {@code serve} when no subcommand is named ({@code switchboard -c x.yaml}).
   *
   * @param args the arguments as given
   * @return {@code args} itself when the first one is not an option or is {@code -h}, {@code
   *     --help}, {@code -V} or {@code --version}; otherwise a copy starting with {@code serve}
   */
  public static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL.contains(args[0]))) {
      return args;
    }
    String[] out = new String[args.length + 1];
    out[0] = "serve";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  /** Not reached: {@link #withDefaultCommand} always names a subcommand. */
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
