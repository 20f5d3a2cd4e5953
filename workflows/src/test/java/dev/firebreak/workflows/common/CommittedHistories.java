package dev.firebreak.workflows.common;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Workflow histories committed under {@code src/test/resources/histories}: recorded once, replayed on every build. */
public final class CommittedHistories {

  private CommittedHistories() {}

  /** The folder's {@code .json} histories, sorted by name. */
  public static List<Path> in(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Replays one history against today's implementation; non-determinism fails. */
  public static void replay(Path history, Class<?> implementation) throws Exception {
    String json = Files.readString(history, StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), implementation);
  }

  /**
   * Writes the history unless one of that name is committed already: a committed history is the
   * proof that what older code recorded still replays, so recording adds histories and never
   * rewrites one. Delete a file on purpose to record it again.
   */
  public static void save(WorkflowClient client, String workflowId, Path folder, String name) throws IOException {
    Path file = folder.resolve(name + ".json");
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(folder);
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true), StandardCharsets.UTF_8);
  }
}
