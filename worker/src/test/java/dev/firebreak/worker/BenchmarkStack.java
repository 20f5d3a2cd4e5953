package dev.firebreak.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Firebreak as a benchmark runs it, chosen with {@code -Dbenchmark.temporal}: {@code embedded} (the
 * default) is dev mode in this JVM on the embedded test server; {@code cli} is the production
 * layout on a real server: the Temporal CLI's dev server (a database file, Firebreak's search
 * attributes), {@code ./firebreak worker} and {@code ./firebreak api} each in its own OS process,
 * and only the load generator and the fakes in this JVM. The processes run with {@code
 * -Dbenchmark.processJvm} (default {@link #PROCESS_JVM}: the embedded runs' heap and the launcher's
 * {@link #SERVER_JIT}); their output and the server's log stay in {@code target/benchmark/<name>/}.
 * Either way the dev token is an admin token.
 */
final class BenchmarkStack implements AutoCloseable {

  static final String PROPERTY = "benchmark.temporal";

  /**
   * The JIT option {@code ./firebreak} and the image run the servers with (README, JVM options).
   */
  static final String SERVER_JIT = "-XX:TieredStopAtLevel=1";

  static final String PROCESS_JVM = "-Xmx1g " + SERVER_JIT;

  /**
   * Configs written by the benchmarks give this variable's token the admin role; the stack sets it.
   */
  static final String TOKEN_VARIABLE = "FIREBREAK_BENCH_TOKEN";

  /**
   * The start of a benchmark's config: the organisation, the admin token, one escalation level and
   * one service, {@code app}; the benchmark appends its own sections.
   */
  static String configHeader(String organisation) {
    return """
        organisation: %s
        api:
          tokens:
            - { name: benchmark, token: "${%s}", roles: [admin] }
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
          - name: app
        """
        .formatted(organisation, TOKEN_VARIABLE);
  }

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DevMode dev;
  private final CliTemporal server;
  private final FirebreakOsProcess worker;
  private final FirebreakOsProcess api;
  private final WorkflowClient client;
  private final String apiUrl;
  private final ServerWork serverWork;

  private BenchmarkStack(
      DevMode dev,
      CliTemporal server,
      FirebreakOsProcess worker,
      FirebreakOsProcess api,
      WorkflowClient client,
      String apiUrl,
      ServerWork serverWork) {
    this.dev = dev;
    this.server = server;
    this.serverWork = serverWork;
    this.worker = worker;
    this.api = api;
    this.client = client;
    this.apiUrl = apiUrl;
  }

  private static final String GRPC_COMPRESSION = "TEMPORAL_GRPC_COMPRESSION";

  /**
   * The processes' {@code TEMPORAL_GRPC_COMPRESSION}, and the floor's: unset (none on loopback)
   * unless {@code -Dbenchmark.grpcCompression=gzip}, which measures the SDK's default.
   */
  static final Function<String, String> grpcCompression =
      name ->
          GRPC_COMPRESSION.equals(name) ? System.getProperty("benchmark.grpcCompression") : null;

  static Map<String, String> grpcCompressionEnv() {
    String compression = grpcCompression.apply(GRPC_COMPRESSION);
    return compression == null ? Map.of() : Map.of(GRPC_COMPRESSION, compression);
  }

  static boolean onCli() {
    String choice = System.getProperty(PROPERTY, "embedded");
    if (!choice.equals("embedded") && !choice.equals("cli")) {
      throw new IllegalArgumentException("-D" + PROPERTY + " is embedded or cli, not " + choice);
    }
    return choice.equals("cli");
  }

  /** For the report's first line. */
  static String describeChoice() {
    return onCli()
        ? "the Temporal CLI's dev server (database "
            + System.getProperty("benchmark.temporalDb", "file")
            + "), worker and API each in its own process ("
            + processJvm()
            + "), gRPC compression "
            + grpcCompressionEnv().getOrDefault(GRPC_COMPRESSION, "none (loopback)")
        : "embedded test server, worker and API in this JVM (dev mode)";
  }

  /**
   * @param name the directory under {@code target/benchmark/} for the processes' logs
   * @param config the Firebreak config (with {@link #TOKEN_VARIABLE} or the Recoup CI token as
   *     admin)
   * @param env the providers' variables, e.g. the fake Slack's URL and token
   */
  static BenchmarkStack start(String name, Path config, Map<String, String> env)
      throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.put(TOKEN_VARIABLE, DevMode.DEFAULT_DEV_TOKEN);
    all.put("FIREBREAK_CI_TOKEN", DevMode.DEFAULT_DEV_TOKEN); // the Recoup runbook's admin token
    if (!onCli()) {
      DevMode dev = DevMode.start(config, FreePort.next(), FreePort.next(), all::get);
      return new BenchmarkStack(dev, null, null, null, dev.process().client(), dev.apiUrl(), null);
    }
    Path directory = Path.of("target", "benchmark", name).toAbsolutePath();
    Files.createDirectories(directory);
    Path database = directory.resolve("temporal.db");
    Files.deleteIfExists(database);
    Path cli =
        CliTemporal.find(null, System::getenv)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "-D"
                            + PROPERTY
                            + "=cli needs the Temporal CLI: set "
                            + CliTemporal.ENV_VARIABLE
                            + " or put temporal on PATH"));
    // -Dbenchmark.temporalDb=memory: SQLite in memory, to tell the file's writes from the rest of
    // the server.
    boolean inMemory = "memory".equals(System.getProperty("benchmark.temporalDb", "file"));
    CliTemporal server =
        CliTemporal.start(
            new CliTemporal.Options(
                cli,
                FreePort.next(),
                0,
                inMemory ? null : database,
                directory.resolve("temporal.log")));
    all.put("TEMPORAL_ADDRESS", server.target());
    all.put("FIREBREAK_SEARCH_ATTRIBUTES", "true");
    all.putAll(grpcCompressionEnv());
    // The API answers alerts from its journal, as dev mode on the CLI does;
    // -Dbenchmark.alertJournal=off delivers each before the 202, as a production API without one.
    Path journal = directory.resolve("alert-journal");
    if (Files.exists(journal)) {
      MissingTool.deleteTree(journal);
    }
    if (!"off".equals(System.getProperty("benchmark.alertJournal"))) {
      all.put(FirebreakProcess.ALERT_JOURNAL_VARIABLE, journal.toString());
    }
    int apiPort = FreePort.next();
    String configArg = config.toAbsolutePath().toString();
    FirebreakOsProcess worker =
        process(
            "worker",
            List.of("--config", configArg, "--port", String.valueOf(FreePort.next())),
            all,
            directory.resolve("worker.log"));
    FirebreakOsProcess api =
        process(
            "api",
            List.of("--config", configArg, "--port", String.valueOf(apiPort)),
            all,
            directory.resolve("api.log"));
    WorkflowClient client =
        WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build()),
            WorkflowClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
    BenchmarkStack stack =
        new BenchmarkStack(
            null,
            server,
            worker,
            api,
            client,
            "http://127.0.0.1:" + apiPort,
            ServerWork.of(directory.resolve("temporal.log")));
    try {
      worker.start();
      api.start();
      stack.awaitReady();
      return stack;
    } catch (RuntimeException | InterruptedException failed) {
      stack.close();
      throw new IllegalStateException(
          "Firebreak did not start on the Temporal CLI: " + failed.getMessage(), failed);
    }
  }

  /**
   * Another process next to the stack's worker and API, run as they are (the bare Temporal floor's
   * worker).
   */
  static FirebreakOsProcess process(
      String role, List<String> arguments, Map<String, String> env, Path log) {
    return process(Firebreak.class.getName(), role, arguments, env, log);
  }

  static FirebreakOsProcess process(
      String mainClass, String role, List<String> arguments, Map<String, String> env, Path log) {
    return new FirebreakOsProcess(
        Arrays.asList(processJvm().split(" +")), mainClass, role, arguments, env, log);
  }

  private static String processJvm() {
    return System.getProperty("benchmark.processJvm", PROCESS_JVM);
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!worker.output().contains("Worker polling task queue") || !apiAnswers()) {
      for (FirebreakOsProcess process : List.of(worker, api)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("it ended; its log is " + process.log());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "not ready within " + READY_TIMEOUT + "; the logs are in " + worker.log().getParent());
      }
      Thread.sleep(200);
    }
  }

  private boolean apiAnswers() throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/services"))
                      .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  String apiUrl() {
    return apiUrl;
  }

  /** A client of the server the stack runs on, owned by the stack. */
  WorkflowClient client() {
    return client;
  }

  /** {@code host:port} of the Temporal frontend. */
  String temporalTarget() {
    return dev != null ? dev.temporal().target() : server.target();
  }

  /**
   * The resident memory of the process the worker runs in (on the embedded server: this JVM, with
   * everything).
   */
  String workerResidentSet() throws IOException {
    return BenchmarkReport.residentSet(worker == null ? "self" : Long.toString(worker.pid()));
  }

  /** The API's process, on the real server; empty when it shares this JVM. */
  String apiResidentSet() throws IOException {
    return api == null ? "(in this JVM)" : BenchmarkReport.residentSet(Long.toString(api.pid()));
  }

  /** CPU seconds used so far by each process of the stack, by name, in a stable order. */
  Map<String, Double> cpuSeconds() throws IOException {
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    if (server != null) {
      seconds.put("Temporal server", BenchmarkReport.cpuSeconds(Long.toString(server.pid())));
      seconds.put("worker", BenchmarkReport.cpuSeconds(Long.toString(worker.pid())));
      seconds.put(
          "of it the worker's JIT compiler",
          BenchmarkReport.jitCpuSeconds(Long.toString(worker.pid())));
      seconds.put("API", BenchmarkReport.cpuSeconds(Long.toString(api.pid())));
      seconds.put(
          "of it the API's JIT compiler", BenchmarkReport.jitCpuSeconds(Long.toString(api.pid())));
    }
    seconds.put(
        server != null ? "load generator and fakes (this JVM)" : "everything (this JVM)",
        BenchmarkReport.cpuSeconds("self"));
    return seconds;
  }

  /** The real server's own counts of its work; empty on the embedded server. */
  Optional<ServerWork> serverWork() {
    return Optional.ofNullable(serverWork);
  }

  /**
   * What each process used since {@code before} (from {@link #cpuSeconds()}), as one report line.
   */
  String cpuSince(Map<String, Double> before) throws IOException {
    StringBuilder line = new StringBuilder("CPU seconds used meanwhile:");
    cpuSeconds()
        .forEach(
            (name, now) ->
                line.append(
                    // A JIT compiler thread the JVM stopped takes its time with it, so a
                    // compiler's figure is a lower bound and can dip below what it read before.
                    String.format(
                        " %s %.1f;", name, Math.max(0, now - before.getOrDefault(name, 0.0)))));
    return line.toString();
  }

  @Override
  public void close() {
    if (dev != null) {
      dev.close();
      return;
    }
    api.close();
    worker.close();
    client.getWorkflowServiceStubs().shutdownNow();
    server.close();
  }
}
