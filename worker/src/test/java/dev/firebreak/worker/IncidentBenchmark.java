package dev.firebreak.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.dryrun.DryRunChatActivities;
import dev.firebreak.activities.dryrun.DryRunPagingActivities;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.starter.api.RunningWindows;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentState;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue #2's three measurements. Not part of `./mvnw verify` (it takes minutes and asserts no
 * timings); run it with {@code ./mvnw -B -Pbenchmark -pl worker -am verify} and read the report in
 * {@code worker/target/benchmark/incident-benchmark.md}.
 */
class IncidentBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path RECOUP = Path.of("../examples/recoup.yaml");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<String> report = new ArrayList<>();

  @Test
  void measure() throws Exception {
    report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
        + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    String only = System.getProperty("benchmark.only", "latency,heap,history");
    if (only.contains("latency")) {
      // Each round is a fresh dev mode in this JVM. The first runs while the JIT is still compiling
      // (a process in its first seconds); the later ones are a dev mode that has been up a while.
      int rounds = Integer.getInteger("benchmark.rounds", 3);
      for (int round = 1; round <= rounds; round++) {
        report.add("Round " + round + " of " + rounds + (round == 1 ? " (a JVM in its first seconds)" : "") + ":");
        declareToFirstSlackNotification(200, 10);
      }
    }
    if (only.contains("heap")) {
      heapWithOpenIncidents(2000, 10);
    }
    if (only.contains("history")) {
      historyOfOneHourP1WithFourUpdates();
    }
    Path out = Path.of("target/benchmark/incident-benchmark.md");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  /** POST /api/v1/incidents → the incident message arriving at a fake Slack, with 10 in flight. */
  private void declareToFirstSlackNotification(int incidents, int inFlight) throws Exception {
    Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    try (FakeSlack slack = new FakeSlack()) {
      slack.onPost(message -> {
        String key = message.metadataValue("key");
        if (key != null && key.endsWith("/incident-message")) {
          arrival(arrivals, key.substring(0, key.indexOf('/'))).complete(System.nanoTime());
        }
      });
      Map<String, String> env = Map.of("SLACK_BOT_TOKEN", slack.token(), "SLACK_API_URL", slack.apiUrlPrefix());
      // The Recoup runbook's own timings: nothing else fires while incidents are being declared.
      try (DevMode dev = DevMode.start(RECOUP, FreePort.next(), FreePort.next(), env::get)) {
        // Warm-up (JIT, connections), not measured. It runs the same closed loop as the measurement:
        // a warm-up that only waited for the 201s left a backlog of 100 incidents' work that the
        // first measured ones then queued behind.
        declareAndAwaitMessages(dev, arrivals, Integer.getInteger("benchmark.warmup", 100), inFlight);
        Declarations measured = declareAndAwaitMessages(dev, arrivals, incidents, inFlight);
        Map<String, Long> sentAt = measured.sentAt();
        List<Double> answered = measured.answered();
        List<Double> millis = new ArrayList<>();
        sentAt.forEach((id, start) -> {
          CompletableFuture<Long> arrived = arrival(arrivals, id);
          if (arrived.isDone()) {
            millis.add((arrived.join() - start) / 1e6);
          }
        });
        Collections.sort(millis);
        Collections.sort(answered);
        report.add(String.format("POST /api/v1/incidents answered (201): p50 %.0f ms, p99 %.0f ms",
            percentile(answered, 50), percentile(answered, 99)));
        report.add(String.format(
            "Declare → first Slack notification (%d incidents, %d in flight, live Slack client → fake Slack): "
                + "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; %d/%d arrived",
            incidents, inFlight, percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
            millis.get(millis.size() - 1), millis.size(), incidents));
        Thread.sleep(2_000); // the last activities finish, so their events are in history
        report.add("…of which, by stage (from each incident's history):");
        new DeclareBreakdown(dev.process().client()).of(measured.sentAtWall(), measured.arrivedAtWall())
            .forEach(report::add);
      }
    }
  }

  /**
   * @param sentAt nanoTime of each POST, by incident id
   * @param sentAtWall and its wall-clock time, to compare with the server's event times
   */
  private record Declarations(
      Map<String, Long> sentAt, Map<String, Long> sentAtWall, Map<String, Long> arrivedAtWall, List<Double> answered) {}

  /** Declares {@code count} incidents, {@code inFlight} at a time, each waiting for its incident message. */
  private static Declarations declareAndAwaitMessages(
      DevMode dev, Map<String, CompletableFuture<Long>> arrivals, int count, int inFlight) throws Exception {
    Declarations result = new Declarations(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(), Collections.synchronizedList(new ArrayList<>()));
    runBounded(count, inFlight, i -> {
      long wall = System.currentTimeMillis();
      long start = System.nanoTime();
      String id = declareOne(dev, "recoup-backend");
      result.answered().add((System.nanoTime() - start) / 1e6);
      result.sentAt().put(id, start);
      result.sentAtWall().put(id, wall);
      try {
        long arrived = arrival(arrivals, id).get(30, TimeUnit.SECONDS);
        result.arrivedAtWall().put(id, wall + (arrived - start) / 1_000_000);
      } catch (TimeoutException lost) {
        // counted as not arrived
      }
    });
    return result;
  }

  /** 2,000 open incidents (Recoup runbook timings: 15-minute timers) parked in one JVM. */
  private void heapWithOpenIncidents(int incidents, int inFlight) throws Exception {
    try (DevMode dev = DevMode.start(RECOUP, FreePort.next(), FreePort.next(), name -> null)) {
      String service = "recoup-backend";
      long start = System.nanoTime();
      declare(dev, incidents, inFlight, service);
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(15_000); // let every incident announce and page, then park on its timers
      long used = usedHeapAfterGc();
      report.add(String.format(
          "Heap with %d open incidents parked on their timers (embedded server + worker + API in one JVM, "
              + "dry-run providers): %d MiB used after GC; declared at %.0f incidents/s; "
              + "the whole process: %d live threads, resident set %s",
          incidents, used / (1 << 20), incidents / seconds, Thread.activeCount(), residentSet()));
    }
  }

  /** One P1 open for an hour: ack after 3 minutes, four updates, as the runbook's cadence asks. */
  private void historyOfOneHourP1WithFourUpdates() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
      WorkflowClient client = env.getWorkflowClient();
      // As the worker registers them: a P1 also tells the running maintenance windows (there are none).
      worker.registerActivitiesImplementations(
          new DryRunChatActivities(false), new DryRunPagingActivities(), new ScriptedDiagnostics(),
          new RunningWindows(client));
      env.start();
      IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(IncidentWorkflow.workflowId("INC-BENCH"))
              .setTaskQueue(TaskQueue.NAME).build());
      WorkflowClient.start(incident::run,
          IncidentState.declared(IncidentPolicies.declaration("INC-BENCH", Severity.P1), IncidentPolicies.recoup()));
      env.sleep(Duration.ofMinutes(3));
      incident.acknowledge(new Acknowledgement("alice"));
      for (int update = 1; update <= 4; update++) {
        env.sleep(Duration.ofMinutes(update == 1 ? 7 : 15));
        incident.postUpdate(new ResponderUpdate("alice", "update " + update, "15 min", "working on it"));
      }
      env.sleep(Duration.ofMinutes(5)); // 60 minutes since declaration
      int events = client.fetchHistory(IncidentWorkflow.workflowId("INC-BENCH")).getHistory().getEventsCount();
      report.add("History of one P1 open for an hour with an ack and four updates: " + events + " events");
    }
  }

  private static CompletableFuture<Long> arrival(Map<String, CompletableFuture<Long>> arrivals, String id) {
    return arrivals.computeIfAbsent(id, ignored -> new CompletableFuture<>());
  }

  private static void declare(DevMode dev, int count, int inFlight, String service) throws Exception {
    runBounded(count, inFlight, i -> declareOne(dev, service));
  }

  private static String declareOne(DevMode dev, String service) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/incidents"))
        .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"title\":\"Benchmark incident\",\"severity\":\"P1\",\"service\":\"" + service + "\"}"))
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("declare answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("id").asText();
  }

  private interface Task {
    void run(int index) throws Exception;
  }

  /** Keeps exactly {@code inFlight} requests going: the embedded server's queue is not FIFO. */
  private static void runBounded(int count, int inFlight, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(inFlight);
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < inFlight; t++) {
      pool.execute(() -> {
        try {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            task.run(i);
          }
        } catch (Exception e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    pool.shutdown();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** The process's resident memory (heap, thread stacks, code, everything), from Linux's /proc. */
  private static String residentSet() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown (no /proc)";
    }
    return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.substring("VmRSS:".length()).trim()).findFirst().orElse("unknown");
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(500);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
