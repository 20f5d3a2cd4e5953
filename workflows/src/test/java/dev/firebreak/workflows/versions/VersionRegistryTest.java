package dev.firebreak.workflows.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.CommittedHistory;
import dev.firebreak.workflows.common.VersionedChange;
import dev.firebreak.workflows.common.VersionsSeen;
import io.temporal.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The version registries tell the truth: every registered change id is pinned at version 1 and at
 * the old branch by the committed histories listed for it, and every id a workflow asks for while
 * replaying a committed history is registered. What each {@code getVersion} call answers during the
 * replay is the evidence, not the history's markers: the SDK records no marker for the old branch.
 */
class VersionRegistryTest {

  /** The workflows module's sources; tests run in the module's directory. */
  private static final Path MAIN_SOURCES = Path.of("src/main/java");

  /**
   * A version asked for, except the one call through which {@code changes.on(id)} asks the id it
   * was handed.
   */
  private static final Pattern ANY_CALL =
      Pattern.compile("Workflow\\.getVersion\\((?!changeId,)|changes\\.on\\(");

  static Stream<Arguments> registeredChanges() {
    return VersionRegistries.BY_WORKFLOW_TYPE.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            registry ->
                registry.getValue().stream()
                    .map(change -> Arguments.of(registry.getKey() + ": " + change.id(), change)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registeredChanges")
  void eachRegisteredChangeIsPinnedAtBothVersionsByTheHistoriesListedForIt(
      String name, VersionedChange change) throws Exception {
    assertThat(change.pinnedAtVersion1()).as("histories pinning version 1").isNotEmpty();
    for (String history : change.pinnedAtVersion1()) {
      assertThat(versionsAsked(history)).as(history).containsEntry(change.id(), Set.of(1));
    }
    if (change.oldBranchReachable()) {
      assertThat(change.pinnedAtDefault()).as("histories pinning the old branch").isNotEmpty();
    } else {
      assertThat(change.pinnedAtDefault()).as("an unreachable old branch has no history").isEmpty();
    }
    for (String history : change.pinnedAtDefault()) {
      assertThat(versionsAsked(history))
          .as(history)
          .containsEntry(change.id(), Set.of(Workflow.DEFAULT_VERSION));
    }
  }

  @Test
  void everyChangeIdAWorkflowAsksForWhileReplayingACommittedHistoryIsInItsTypesRegistry()
      throws Exception {
    for (CommittedHistory history : CommittedHistories.all()) {
      Set<String> registered =
          VersionRegistries.BY_WORKFLOW_TYPE
              .getOrDefault(history.workflowType(), List.of())
              .stream()
              .map(VersionedChange::id)
              .collect(Collectors.toSet());
      assertThat(versionsAsked(history.name()).keySet())
          .as(history.toString())
          .isSubsetOf(registered);
    }
  }

  @Test
  void noUnreachableOldBranchIsTakenByAnyCommittedHistory() throws Exception {
    for (CommittedHistory history : CommittedHistories.all()) {
      Map<String, Set<Integer>> asked = versionsAsked(history.name());
      VersionRegistries.BY_WORKFLOW_TYPE.getOrDefault(history.workflowType(), List.of()).stream()
          .filter(change -> !change.oldBranchReachable())
          .forEach(
              change ->
                  assertThat(asked.getOrDefault(change.id(), Set.of()))
                      .as(history + " " + change.id())
                      .doesNotContain(Workflow.DEFAULT_VERSION));
    }
  }

  /**
   * The other direction from the committed histories: a change id no history reaches yet is still
   * asked for through its type's registry, so it cannot be left out of it unnoticed. A change asked
   * through a run's {@code changes.on(...)} counts as a call; the one {@code getVersion} that
   * {@code on} delegates to, with its id as a parameter, does not.
   */
  @Test
  void everyGetVersionCallInTheWorkflowsAsksForAnIdListedInItsRegistry() throws Exception {
    Pattern call =
        Pattern.compile(
            "(?:Workflow\\.getVersion|changes\\.on)\\(\\s*(\\w+Versions)\\.(\\w+)\\s*[,)]");
    Map<String, Path> sources;
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .collect(Collectors.toMap(f -> f.getFileName().toString(), f -> f));
    }
    int calls = 0;
    int checked = 0;
    for (Path source : sources.values()) {
      String code = Files.readString(source);
      calls += Math.toIntExact(ANY_CALL.matcher(code).results().count());
      Matcher found = call.matcher(code);
      while (found.find()) {
        Class<?> registry = Class.forName(className(sources.get(found.group(1) + ".java")));
        String id = (String) registry.getField(found.group(2)).get(null);
        @SuppressWarnings("unchecked")
        List<VersionedChange> changes =
            (List<VersionedChange>) registry.getField("CHANGES").get(null);
        assertThat(changes)
            .as(source.getFileName() + " asks for " + found.group(2))
            .extracting(VersionedChange::id)
            .contains(id);
        assertThat(VersionRegistries.BY_WORKFLOW_TYPE.values())
            .as(registry.getSimpleName() + " is a registry the tests read")
            .contains(changes);
        checked++;
      }
    }
    assertThat(checked)
        .as("every getVersion call names its id by a registry constant")
        .isEqualTo(calls);
    assertThat(calls).isPositive();
  }

  private static String className(Path source) {
    String relative = MAIN_SOURCES.relativize(source).toString();
    return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
  }

  private static Map<String, Set<Integer>> versionsAsked(String history) throws Exception {
    VersionsSeen seen = new VersionsSeen();
    CommittedHistories.replay(
        CommittedHistories.ROOT.resolve(history), seen, WorkflowImplementations.ALL);
    return seen.byChangeId();
  }
}
