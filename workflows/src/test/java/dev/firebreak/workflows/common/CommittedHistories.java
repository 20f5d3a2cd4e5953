package dev.firebreak.workflows.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Workflow histories committed under {@code src/test/resources/histories}: recorded once, replayed
 * on every build.
 */
public final class CommittedHistories {

  /** Where every committed history lives, one folder per workflow family. */
  public static final Path ROOT = Path.of("src/test/resources/histories");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CommittedHistories() {}

  /** The folder's {@code .json} histories, sorted by name. */
  public static List<Path> in(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Every committed history in every folder, with the workflow type its start event names. */
  public static List<CommittedHistory> all() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> histories = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      return histories.stream().map(CommittedHistories::describe).toList();
    }
  }

  private static CommittedHistory describe(Path file) {
    try {
      JsonNode started = JSON.readTree(file.toFile()).path("events").path(0);
      String type =
          started
              .path("workflowExecutionStartedEventAttributes")
              .path("workflowType")
              .path("name")
              .asText();
      return new CommittedHistory(file, ROOT.relativize(file).toString().replace('\\', '/'), type);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the committed history " + file, e);
    }
  }

  /**
   * Replays one history on a worker with every given implementation registered (the history's own
   * type picks one) and records what each {@code getVersion} call answered into {@code seen}.
   */
  public static void replay(Path history, VersionsSeen seen, List<Class<?>> implementations)
      throws Exception {
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(seen).build())
            .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationTypes(implementations.toArray(Class<?>[]::new));
      WorkflowReplayer.replayWorkflowExecution(read(history), worker);
    }
  }

  private static WorkflowExecutionHistory read(Path history) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(history, StandardCharsets.UTF_8));
  }

  /**
   * Writes the history unless one of that name is committed already: a committed history is the
   * proof that what older code recorded still replays, so recording adds histories and never
   * rewrites one. Delete a file on purpose to record it again.
   */
  public static void save(WorkflowClient client, String workflowId, Path folder, String name)
      throws IOException {
    Path file = folder.resolve(name + ".json");
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(folder);
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true), StandardCharsets.UTF_8);
  }
}
