package dev.firebreak.worker;

import dev.firebreak.workflows.heartbeat.HeartbeatSearchAttributes;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Temporal server as a child process: the Temporal CLI's dev server ({@code temporal server
 * start-dev}) on loopback ports, with Firebreak's search attributes registered at launch. Unlike
 * the embedded test server it has Schedules, visibility queries on search attributes, the Web UI
 * and, with a database file, incidents that outlive a restart.
 */
final class CliTemporal implements DevTemporal {

  private static final Logger log = LoggerFactory.getLogger(CliTemporal.class);

  static final String NAMESPACE = "default";
  static final String ENV_VARIABLE = "TEMPORAL_CLI";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @param uiPort 0 for no Web UI ({@code --headless})
   * @param database null keeps everything in memory
   * @param logFile where the server's own output goes
   * @param searchAttributes whether the server starts with Firebreak's search attributes; without
   *     them it is a bare server, as a team's own cluster is before {@code
   *     --register-search-attributes}
   */
  record Options(
      Path cli, int port, int uiPort, Path database, Path logFile, boolean searchAttributes) {

    /** A server with Firebreak's search attributes, as dev mode starts it. */
    Options(Path cli, int port, int uiPort, Path database, Path logFile) {
      this(cli, port, uiPort, database, logFile, true);
    }
  }

  private final Options options;
  private final Process process;
  private final ManagedChannel channel;
  private final Thread killOnExit;

  private CliTemporal(Options options, Process process, ManagedChannel channel, Thread killOnExit) {
    this.options = options;
    this.process = process;
    this.channel = channel;
    this.killOnExit = killOnExit;
  }

  /**
   * The CLI to use: the given path, else {@code TEMPORAL_CLI}, else {@code temporal} on the {@code
   * PATH}. A path that was asked for but is not an executable is an error rather than a quiet
   * fallback.
   */
  static Optional<Path> find(Path explicit, Function<String, String> env) {
    if (explicit != null) {
      return Optional.of(executable(explicit, "--temporal-cli"));
    }
    String fromEnv = env.apply(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(executable(Path.of(fromEnv.trim()), ENV_VARIABLE));
    }
    String path = env.apply("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "temporal"))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }

  private static Path executable(Path cli, String source) {
    if (!Files.isRegularFile(cli) || !Files.isExecutable(cli)) {
      throw new IllegalArgumentException(
          source + " names " + cli + ", which is not an executable Temporal CLI");
    }
    return cli.toAbsolutePath();
  }

  /** The command line, without the process around it. */
  static List<String> command(Options options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                options.cli().toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(options.port()),
                "--log-level",
                "warn"));
    if (options.database() != null) {
      command.addAll(List.of("--db-filename", options.database().toString()));
      // SQLite's default rollback journal creates, syncs and deletes a journal file for each of
      // the server's many small transactions: a one-activity workflow cost the server about 55 ms
      // of CPU that way and about 21 ms in write-ahead mode, as little as with no file at all. With
      // synchronous=normal a killed server loses no committed transaction; a power cut or an
      // operating-system crash can lose the last few (rolled back, never half written).
      command.addAll(
          List.of("--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"));
    }
    if (options.uiPort() == 0) {
      command.add("--headless");
    } else {
      command.addAll(
          List.of(
              "--ui-ip",
              "127.0.0.1",
              "--ui-port",
              Integer.toString(options.uiPort()),
              "--ui-disable-news-fetch"));
    }
    if (options.searchAttributes()) {
      Stream.concat(
              IncidentSearchAttributes.REGISTERED.stream(), HeartbeatSearchAttributes.OWN.stream())
          .forEach(
              key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    }
    // One partition per task queue: the default four spread a handful of pollers thin, and a task
    // that lands on a partition nobody polls waits to be forwarded (a third of a declare's
    // latency).
    command.addAll(
        List.of(
            "--dynamic-config-value",
            "matching.numTaskqueueReadPartitions=1",
            "--dynamic-config-value",
            "matching.numTaskqueueWritePartitions=1"));
    return command;
  }

  /**
   * Starts the server and returns once it serves the namespace; a server that does not is stopped
   * again.
   */
  static CliTemporal start(Options options) {
    try {
      if (options.database() != null && options.database().toAbsolutePath().getParent() != null) {
        Files.createDirectories(options.database().toAbsolutePath().getParent());
      }
      Files.createDirectories(options.logFile().toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command(options))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()))
              .start();
      // A JVM that ends without closing dev mode (Ctrl-C during start, a test run cut short) must
      // not
      // leave a server behind. At Ctrl-C dev mode's own hook closes the worker first and then this
      // server, and hooks run at the same time, so this one gives that a head start before stopping
      // it.
      Thread killOnExit =
          new Thread(
              () -> {
                if (!awaitExit(process.toHandle(), STOP_TIMEOUT)) {
                  destroyTree(process, STOP_TIMEOUT);
                }
              },
              "temporal-cli-stop");
      Runtime.getRuntime().addShutdownHook(killOnExit);
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget("127.0.0.1:" + options.port()).usePlaintext().build();
      CliTemporal server = new CliTemporal(options, process, channel, killOnExit);
      try {
        server.awaitServing();
      } catch (RuntimeException failed) {
        server.close();
        throw failed;
      }
      log.info(
          "Temporal CLI dev server on 127.0.0.1:{} (pid {}, {}, log {})",
          options.port(),
          process.pid(),
          options.database() == null ? "in memory" : "database " + options.database(),
          options.logFile());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the Temporal CLI " + options.cli() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Health first, then the namespace: the frontend reports SERVING a moment before the default
   * namespace exists, and a worker polling then would fail.
   */
  private void awaitServing() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    RuntimeException last = null;
    try {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The Temporal CLI dev server exited with status "
                  + process.exitValue()
                  + " (is port "
                  + options.port()
                  + (options.uiPort() == 0 ? "" : " or " + options.uiPort())
                  + " in use?):\n"
                  + logTail());
        }
        try {
          if (stubs.healthCheck().getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
            stubs
                .blockingStub()
                .withDeadlineAfter(1, TimeUnit.SECONDS)
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
            return;
          }
        } catch (RuntimeException notYet) {
          last = notYet;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException(
          "The Temporal CLI dev server did not serve namespace "
              + NAMESPACE
              + " within "
              + STARTUP_TIMEOUT.toSeconds()
              + " s (last error: "
              + (last == null ? "none" : last.getMessage())
              + "):\n"
              + logTail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for the Temporal CLI dev server", e);
    } finally {
      stubs.shutdownNow();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(options.logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public String target() {
    return "127.0.0.1:" + options.port();
  }

  @Override
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public String kind() {
    return "CLI dev server";
  }

  @Override
  public Optional<String> webUi() {
    return options.uiPort() == 0
        ? Optional.empty()
        : Optional.of("http://127.0.0.1:" + options.uiPort());
  }

  @Override
  public Optional<Path> database() {
    return Optional.ofNullable(options.database());
  }

  long pid() {
    return process.pid();
  }

  /** Stops the server and anything it started, politely first so SQLite closes its file cleanly. */
  @Override
  public void close() {
    channel.shutdownNow();
    destroyTree(process, STOP_TIMEOUT);
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it finds the process gone.
    }
  }

  /** Stops a process and its descendants, politely first and forcibly after the grace period. */
  static void destroyTree(Process process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    tree.stream()
        .filter(handle -> !awaitExit(handle, grace))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether the process ended within the time given. */
  private static boolean awaitExit(ProcessHandle handle, Duration wait) {
    try {
      handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException slow) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException impossible) {
      return !handle.isAlive();
    }
  }
}
