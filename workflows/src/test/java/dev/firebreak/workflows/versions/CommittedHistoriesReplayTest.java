package dev.firebreak.workflows.versions;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.CommittedHistory;
import dev.firebreak.workflows.common.VersionsSeen;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every committed history, each as its own test named after its workflow type and file,
 * against today's code: a change that would break running workflows (non-determinism) fails here,
 * before it reaches a worker.
 */
class CommittedHistoriesReplayTest {

  static List<CommittedHistory> committedHistories() throws IOException {
    return CommittedHistories.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("committedHistories")
  void aCommittedHistoryReplaysAgainstTodaysCodeWithoutNonDeterminism(CommittedHistory history)
      throws Exception {
    CommittedHistories.replay(history.file(), new VersionsSeen(), WorkflowImplementations.ALL);
  }
}
