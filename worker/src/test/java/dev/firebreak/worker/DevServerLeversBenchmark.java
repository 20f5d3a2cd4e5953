package dev.firebreak.worker;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bare Temporal floor ({@link TemporalFloor}) on a dev server started with flags of one's
 * choosing, to tell which of the server's settings its time goes to: the floor's latency, the
 * server's CPU seconds per workflow (which the machine's load moves far less than a latency), and
 * the stages of each workflow's history. Not part of the four harnesses; the levers it compared are
 * in BENCHMARKS.md.
 *
 * <pre>
 * TEMPORAL_CLI=$(command -v temporal) ./mvnw -B -Pbenchmark -pl worker -am verify \
 *   -Dtest=DevServerLeversBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dbenchmark.sqliteDefaults=true                       # the server as before (no pragmas)
 *   -Dbenchmark.serverArgs='--sqlite-pragma;synchronous=off'  # more flags, ';' between words
 *   -Dbenchmark.serverEnv='GOGC=400'                      # the server's environment
 *   -Dbenchmark.temporalDb=memory -Dbenchmark.inFlight=10 -Dbenchmark.count=200
 * </pre>
 */
class DevServerLeversBenchmark {

  private static final int IN_FLIGHT = Integer.getInteger("benchmark.inFlight", 10);
  private static final int COUNT = Integer.getInteger("benchmark.count", 200);
  private static final int WARMUP = Integer.getInteger("benchmark.warmup", 50);
  private static final int STAGE_SAMPLE = 60;

  @Test
  void measure() throws Exception {
    BenchmarkReport report = new BenchmarkReport("dev-server-levers.md");
    Path directory = Path.of("target", "benchmark", "dev-server-levers").toAbsolutePath();
    Files.createDirectories(directory);
    Path database = directory.resolve("temporal.db");
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(database + suffix));
    }
    boolean inMemory = "memory".equals(System.getProperty("benchmark.temporalDb", "file"));
    int port = FreePort.next();
    List<String> command =
        new ArrayList<>(
            CliTemporal.command(
                new CliTemporal.Options(
                    CliTemporal.find(null, System::getenv).orElseThrow(),
                    port,
                    0,
                    inMemory ? null : database,
                    directory.resolve("temporal.log"))));
    if (Boolean.getBoolean("benchmark.sqliteDefaults")) {
      for (int i = command.indexOf("--sqlite-pragma");
          i >= 0;
          i = command.indexOf("--sqlite-pragma")) {
        command.subList(i, i + 2).clear();
      }
    }
    Arrays.stream(System.getProperty("benchmark.serverArgs", "").split(";"))
        .filter(word -> !word.isBlank())
        .forEach(word -> command.add(word.trim()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Arrays.stream(System.getProperty("benchmark.serverEnv", "").split(";"))
        .filter(pair -> pair.contains("="))
        .forEach(pair -> builder.environment().put(pair.split("=", 2)[0], pair.split("=", 2)[1]));
    report.add("Server: " + String.join(" ", command.subList(1, command.size())));
    report.add(
        "Server environment: " + System.getProperty("benchmark.serverEnv", "(as this JVM's)"));
    Process server =
        builder
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("temporal.log").toFile())
            .start();
    String target = "127.0.0.1:" + port;
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      awaitNamespace(stubs);
      long pid = server.pid();
      double before = BenchmarkReport.cpuSeconds(Long.toString(pid));
      List<Double> floor =
          TemporalFloor.measure(
              target, directory.resolve("floor-worker.log"), WARMUP, COUNT, IN_FLIGHT);
      double used = BenchmarkReport.cpuSeconds(Long.toString(pid)) - before;
      report.add(
          String.format(
              "Floor, %d in flight: %s; %d/%d arrived; server CPU %.1f s, %.1f ms per workflow"
                  + " (warm-up included)",
              IN_FLIGHT,
              BenchmarkReport.summary(floor),
              floor.size(),
              COUNT,
              used,
              used * 1000 / (WARMUP + COUNT)));
      stages(stubs).forEach((stage, millis) -> report.add("  " + stage + ": " + millis));
    } finally {
      stubs.shutdownNow();
      CliTemporal.destroyTree(server, Duration.ofSeconds(10));
    }
    report.write();
  }

  private static void awaitNamespace(WorkflowServiceStubs stubs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        stubs
            .blockingStub()
            .withDeadlineAfter(1, TimeUnit.SECONDS)
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
        return;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Each step of the most recent floor workflows' histories, up to the activity's start. */
  private static Map<String, String> stages(WorkflowServiceStubs stubs) {
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
    client
        .listExecutions("WorkflowType = 'FloorWorkflow'")
        .limit(STAGE_SAMPLE)
        .forEach(
            execution -> {
              List<HistoryEvent> events =
                  stubs
                      .blockingStub()
                      .getWorkflowExecutionHistory(
                          GetWorkflowExecutionHistoryRequest.newBuilder()
                              .setNamespace(CliTemporal.NAMESPACE)
                              .setExecution(
                                  WorkflowExecution.newBuilder()
                                      .setWorkflowId(execution.getExecution().getWorkflowId()))
                              .build())
                      .getHistory()
                      .getEventsList();
              for (int i = 1; i < events.size(); i++) {
                String step = name(events.get(i - 1)) + " → " + name(events.get(i));
                steps
                    .computeIfAbsent(step, ignored -> new ArrayList<>())
                    .add((nanos(events.get(i)) - nanos(events.get(i - 1))) / 1e6);
                if (name(events.get(i)).equals("activity task started")) {
                  break;
                }
              }
            });
    Map<String, String> summaries = new LinkedHashMap<>();
    steps.forEach((step, millis) -> summaries.put(step, BenchmarkReport.summary(millis)));
    return summaries;
  }

  private static String name(HistoryEvent event) {
    return event.getEventType().name().replace("EVENT_TYPE_", "").replace('_', ' ').toLowerCase();
  }

  private static long nanos(HistoryEvent event) {
    return event.getEventTime().getSeconds() * 1_000_000_000L + event.getEventTime().getNanos();
  }
}
