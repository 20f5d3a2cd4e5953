package dev.firebreak.worker;

import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FaultInjection;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The bare Temporal floor a Firebreak latency is compared with: a minimal workflow whose one
 * activity POSTs to a local HTTP server, its worker in its own OS process (run as Firebreak's
 * worker is), started from this JVM with the same concurrency, timed from the start call to the
 * POST's arrival. What Firebreak adds on top (the API, its own work in the workflow task, the room
 * it opens before the message) is the ratio of the two.
 */
final class TemporalFloor implements AutoCloseable {

  static final String TASK_QUEUE = "firebreak-benchmark-floor";
  private static final String READY = "Floor worker polling";

  @WorkflowInterface
  public interface FloorWorkflow {
    @WorkflowMethod
    void run(String url);
  }

  @ActivityInterface
  public interface FloorActivity {
    void post(String url);
  }

  public static class FloorWorkflowImpl implements FloorWorkflow {
    private final FloorActivity activity =
        Workflow.newActivityStub(
            FloorActivity.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public void run(String url) {
      activity.post(url);
    }
  }

  public static class FloorActivityImpl implements FloorActivity {
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public void post(String url) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** The floor's worker process: {@code worker <temporal host:port>}. */
  public static void main(String[] args) throws InterruptedException {
    WorkflowClient client = client(args[1], System::getenv);
    WorkerFactory workers = WorkerFactory.newInstance(client);
    // The same polls as Firebreak's worker: the floor measures the server, not a poller shortage.
    var worker =
        workers.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskPollers(FirebreakProcess.POLLERS)
                .setMaxConcurrentActivityTaskPollers(FirebreakProcess.POLLERS)
                .build());
    worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    worker.registerActivitiesImplementations(new FloorActivityImpl());
    workers.start();
    System.out.println(READY + " " + TASK_QUEUE + " on " + args[1]);
    Thread.currentThread().join();
  }

  /** Connected as Firebreak's processes are, compression included, so the ratio compares like. */
  private static WorkflowClient client(String target, Function<String, String> env) {
    return WorkflowClient.newInstance(
        WorkflowServiceStubs.newServiceStubs(TemporalConnection.options(target, env).build()),
        WorkflowClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
  }

  /**
   * The local HTTP server the floor's activity POSTs to: notes when each workflow's POST arrived.
   */
  private static final class Receiver extends FakeServer {
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();

    Receiver() {
      super(new FaultInjection((status, message) -> "{\"error\":\"" + message + "\"}"));
    }

    CompletableFuture<Long> arrival(String id) {
      return arrivals.computeIfAbsent(id, ignored -> new CompletableFuture<>());
    }

    String url(String id) {
      return urlOf("/floor/" + id);
    }

    @Override
    protected MockResponse handle(RecordedRequest request) {
      String path = request.getPath();
      arrival(path.substring(path.lastIndexOf('/') + 1)).complete(System.nanoTime());
      return json(200, "{\"ok\":true}");
    }
  }

  /**
   * Start → POST arrived, in milliseconds, of {@code count} workflows with {@code inFlight} at a
   * time, after {@code warmup} unmeasured ones, on a floor started for this measurement alone.
   */
  static List<Double> measure(String target, Path log, int warmup, int count, int inFlight)
      throws Exception {
    try (TemporalFloor floor = start(target, log)) {
      floor.measure(warmup, inFlight);
      return floor.measure(count, inFlight);
    }
  }

  private final Receiver receiver;
  private final FirebreakOsProcess worker;
  private final WorkflowClient client;

  private TemporalFloor(Receiver receiver, FirebreakOsProcess worker, WorkflowClient client) {
    this.receiver = receiver;
    this.worker = worker;
    this.client = client;
  }

  /**
   * The floor's receiver and worker process, ready to measure: kept for several measurements, so a
   * harness can measure the floor right next to each of its own rounds, when the machine is as fast
   * as it was for that round.
   */
  static TemporalFloor start(String target, Path log) throws Exception {
    Receiver receiver = new Receiver();
    FirebreakOsProcess worker = null;
    try {
      worker =
          BenchmarkStack.process(
                  TemporalFloor.class.getName(),
                  "worker",
                  List.of(target),
                  BenchmarkStack.grpcCompressionEnv(),
                  log)
              .start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!worker.output().contains(READY)) {
        if (!worker.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the floor's worker did not start; its log is " + log);
        }
        Thread.sleep(100);
      }
      return new TemporalFloor(receiver, worker, client(target, BenchmarkStack.grpcCompression));
    } catch (Exception | Error e) {
      if (worker != null) {
        worker.close();
      }
      receiver.close();
      throw e;
    }
  }

  /**
   * Start → POST arrived, in milliseconds, of {@code count} workflows with {@code inFlight} at a
   * time; a POST that never arrives is left out (the caller reports how many).
   */
  List<Double> measure(int count, int inFlight) throws Exception {
    return run(client, receiver, count, inFlight);
  }

  @Override
  public void close() {
    client.getWorkflowServiceStubs().shutdownNow();
    try {
      worker.close();
    } finally {
      receiver.close();
    }
  }

  private static List<Double> run(WorkflowClient client, Receiver receiver, int count, int inFlight)
      throws Exception {
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    ClosedLoop.run(
        count,
        inFlight,
        i -> {
          String id = UUID.randomUUID().toString();
          long start = System.nanoTime();
          WorkflowClient.start(
              client.newWorkflowStub(
                      FloorWorkflow.class,
                      WorkflowOptions.newBuilder()
                          .setWorkflowId("floor-" + id)
                          .setTaskQueue(TASK_QUEUE)
                          .build())
                  ::run,
              receiver.url(id));
          try {
            millis.add((receiver.arrival(id).get(30, TimeUnit.SECONDS) - start) / 1e6);
          } catch (TimeoutException lost) {
            // left out: the caller compares the count with what it asked for
          }
        });
    return new ArrayList<>(millis);
  }
}
