package io.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layout of DEVELOPERS.md as build-time rules (issue 7 part 4), checked with ArchUnit on
 * the main classes of every module on this (the app's) class path: core, the engines, server,
 * commands, workflows, workers, agent, tunnel, edge, grpc and app; no test classes, no benchmark. A
 * failure lists every offending dependency.
 */
class ArchitectureTest {
  /** The classes that take the WebSocket pipeline over from Vert.x: the only internal users. */
  private static final Set<String> PIPELINE_TAKEOVER =
      Set.of(
          "io.switchboard.server.gateway.Gateway",
          "io.switchboard.server.gateway.WebSocketHandler",
          // registers the request id's context local the way Vert.x documents (a service provider)
          "io.switchboard.server.ops.RequestIds");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::notBench)
            .importPackages("io.switchboard");
  }

  private static boolean notBench(Location location) {
    return !location.contains("/io/switchboard/bench/")
        && !location.contains("switchboard-bench")
        && !location.contains("-tests.jar"); // test jars on the test classpath (TestNode)
  }

  @Test
  void importsTheMainClassesOfEveryModuleAndNothingElse() {
    Set<String> roots =
        classes.stream().map(ArchitectureTest::moduleRoot).collect(Collectors.toSet());
    assertThat(roots)
        .containsExactlyInAnyOrder(
            "io.switchboard.core",
            "io.switchboard.engine.redis",
            "io.switchboard.engine.rabbitmq",
            "io.switchboard.engine.postgres",
            "io.switchboard.server",
            "io.switchboard.commands",
            "io.switchboard.workflows",
            "io.switchboard.workers",
            "io.switchboard.tunnel",
            "io.switchboard.agent",
            "io.switchboard.edge",
            "io.switchboard.grpc",
            "io.switchboard.hooks",
            "io.switchboard.dashboard",
            "io.switchboard.app");
    assertThat(classes.contain("io.switchboard.app.ArchitectureTest")).isFalse();
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching("io.switchboard.(**)")
        .should()
        .beFreeOfCycles()
        .because("packages are layered by feature; a cycle makes two packages one (DEVELOPERS.md)")
        .check(classes);
  }

  @Test
  void enginesDoNotUseTheMemoryEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.switchboard.core.memory..")
        .because(
            "an engine implements the ports on its own technology; the memory engine is the"
                + " single-node implementation, not a library for the others")
        .check(classes);
  }

  @Test
  void serverDoesNotKnowTheEngines() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.switchboard.engine..")
        .because("the server talks to the core ports only; the app picks and wires the engine")
        .check(classes);
  }

  @Test
  void onlyThePipelineTakeoverUsesVertxInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard..")
        .and(notPipelineTakeover())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..impl..", "io.vertx.core.internal..")
        .because(
            "Vert.x internals change without notice; only Gateway and WebSocketHandler, which take"
                + " the WebSocket pipeline over from Vert.x, may use them")
        .check(classes);
  }

  @Test
  void coreAndEnginesDoNotDependOnServerOrApp() {
    noClasses()
        .that()
        .resideInAnyPackage("io.switchboard.core..", "io.switchboard.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.switchboard.server..", "io.switchboard.app..")
        .because("modules depend downwards: app -> server -> core <- engines (DEVELOPERS.md)")
        .check(classes);
  }

  @Test
  void serverDoesNotKnowTheCapabilities() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.switchboard.commands..",
            "io.switchboard.workflows..",
            "io.switchboard.tunnel..",
            "io.switchboard.edge..",
            "io.switchboard.grpc..",
            "io.switchboard.hooks..",
            "io.switchboard.dashboard..")
        .because("capabilities build on the server (Capability), never the other way round")
        .check(classes);
  }

  @Test
  void theBoardExampleUsesOnlyTheRegistrationApi() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.commands.board..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.switchboard.commands.intake..",
            "io.switchboard.commands.handling..",
            "io.switchboard.commands.events..",
            "io.switchboard.commands.projection..",
            "io.switchboard.commands.outcome..",
            "io.switchboard.commands.wire..",
            "io.switchboard.commands.http..",
            "io.switchboard.server..",
            "io.switchboard.core.store..")
        .because(
            "the example domain is written the way a user writes theirs: against"
                + " io.switchboard.commands.domain only (docs/commands.md)")
        .check(classes);
  }

  @Test
  void capabilitiesDoNotKnowTheEngines() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.switchboard.commands..",
            "io.switchboard.workflows..",
            "io.switchboard.tunnel..",
            "io.switchboard.edge..",
            "io.switchboard.grpc..",
            "io.switchboard.hooks..",
            "io.switchboard.dashboard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.switchboard.engine..", "io.switchboard.core.memory..")
        .because("a capability runs on the core ports; the app picks and wires the engine")
        .check(classes);
  }

  @Test
  void grpcReachesTheNodeOnlyThroughItsHttpApi() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.grpc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.switchboard.commands..",
            "io.switchboard.workflows..",
            "io.switchboard.tunnel..",
            "io.switchboard.edge..",
            "io.switchboard.app..",
            "io.switchboard.core..",
            "io.switchboard.server.api..",
            "io.switchboard.server.room..",
            "io.switchboard.server.gateway..")
        .because(
            "every RPC is answered by its HTTP twin (docs/grpc.md), so auth, validation and answers"
                + " cannot drift from the HTTP API")
        .check(classes);
  }

  @Test
  void theTunnelStandsApartFromTheOtherCapabilities() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.tunnel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.switchboard.commands..", "io.switchboard.workflows..", "io.switchboard.app..")
        .because("each capability is a module on the core ports and the server hooks (SPEC C4)")
        .check(classes);
  }

  @Test
  void workersSeeOnlyTheBrokerPort() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.workers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.switchboard.engine..",
            "io.switchboard.core.memory..",
            "io.switchboard.server..",
            "io.switchboard.commands..",
            "io.switchboard.app..")
        .because(
            "the example workers are step services outside the gateway: they talk to the broker"
                + " port and the gateway's HTTP API only; the app hands them an engine (issue 9)")
        .check(classes);
  }

  @Test
  void theAgentDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.agent..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are in io.switchboard.. outside io.switchboard.agent..",
                c ->
                    c.getPackageName().startsWith("io.switchboard.")
                        && !c.getPackageName().equals("io.switchboard.agent")
                        && !c.getPackageName().startsWith("io.switchboard.agent.")))
        .because(
            "the customer installs only switchboard-agent (its own jar); it speaks the tunnel"
                + " protocol of SPEC C4 and shares no code with the gateway")
        .check(classes);
  }

  @Test
  void coreDependsOnNoEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.switchboard.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.switchboard.engine..")
        .because("core defines the engine ports; engines implement them, never the other way round")
        .check(classes);
  }

  /**
   * {@code io.switchboard.core.memory.X} -> {@code io.switchboard.core}; engines keep two parts.
   */
  private static String moduleRoot(JavaClass c) {
    return c.getPackageName().replaceFirst("^(io\\.switchboard\\.(engine\\.)?[a-z]+).*", "$1");
  }

  private static DescribedPredicate<JavaClass> notPipelineTakeover() {
    return DescribedPredicate.describe(
        "are not Gateway or WebSocketHandler (or nested in them)",
        c -> !PIPELINE_TAKEOVER.contains(c.getName().replaceFirst("\\$.*", "")));
  }
}
