package dev.firebreak.workflows.common;

import java.nio.file.Path;

/**
 * One committed history file and the workflow type its first event names.
 *
 * @param name the file's path under the histories folder, e.g. {@code
 *     maintenance/aborted-during-steps.json}
 */
public record CommittedHistory(Path file, String name, String workflowType) {

  @Override
  public String toString() {
    return workflowType + ": " + name;
  }
}
