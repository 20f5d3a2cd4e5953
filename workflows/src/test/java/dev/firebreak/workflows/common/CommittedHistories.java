package dev.firebreak.workflows.common;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The histories a replay test keeps under {@code src/test/resources/histories}, and replaying one. */
public final class CommittedHistories {

  private CommittedHistories() {}

  /** The folder's {@code *.json} histories, by name. */
  public static Stream<Path> in(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /** Replays the history against today's implementation; non-determinism fails. */
  public static void replay(Path history, Class<?> implementation) throws Exception {
    String json = Files.readString(history, StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), implementation);
  }
}
