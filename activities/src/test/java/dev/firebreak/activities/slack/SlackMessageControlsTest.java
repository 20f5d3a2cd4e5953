package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.ApprovalRule;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thread messages with controls, as Slack receives them: the playbook card the incident posts in
 * its channel (its checklist as checkboxes, a button per action) and an action run's report with
 * its Undo button.
 */
class SlackMessageControlsTest {

  private static final String INCIDENT = "INC-20261204-1";

  private final SlackTestbed slack = new SlackTestbed();
  private final ChatActivities chat = slack.activityStub(ChatActivities.class);

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void thePlaybookCardCarriesTheChecklistAsCheckboxesAndAButtonPerActionWithItsConfirmQuestion() {
    PlaybookSpec playbook = playbook(2);

    chat.post(message("📖 Playbook payments-down", MessageControls.playbook(playbook)));

    FakeSlackMessage posted = onlyMessage();
    JsonNode blocks = posted.blocks();
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("📖 Playbook payments-down");
    JsonNode checkboxes = blocks.get(1).path("elements").get(0);
    assertThat(checkboxes.path("type").asText()).isEqualTo("checkboxes");
    assertThat(checkboxes.path("action_id").asText()).isEqualTo("playbook_checklist:0");
    assertThat(checkboxes.path("options"))
        .extracting(o -> o.path("text").path("text").asText() + " = " + o.path("value").asText())
        .containsExactly("1. Step one = " + INCIDENT + "#1", "2. Step two = " + INCIDENT + "#2");
    assertThat(checkboxes.has("initial_options")).isFalse();
    JsonNode buttons = blocks.get(2).path("elements");
    assertThat(buttons)
        .extracting(b -> b.path("action_id").asText())
        .containsExactly("playbook_action:circuit-breaker", "playbook_action:close-breaker");
    assertThat(buttons).extracting(b -> b.path("value").asText()).containsOnly(INCIDENT);
    assertThat(buttons.get(0).path("text").path("text").asText())
        .isEqualTo("Serve mock data (needs approval)");
    assertThat(buttons.get(0).path("confirm").path("text").path("text").asText())
        .isEqualTo("Switch checkout to mock data?");
    assertThat(posted.text()).isEqualTo("📖 Playbook payments-down");
  }

  /** A checkboxes element holds at most 10 options, so longer checklists come in groups of 10. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 10, 11, 25})
  void everyStepOfAChecklistOfAnyLengthIsACheckboxInGroupsSlackAccepts(int steps) {
    chat.post(message("📖 Playbook", MessageControls.playbook(playbook(steps))));

    List<String> values = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode block : onlyMessage().blocks()) {
      JsonNode element = block.path("elements").path(0);
      if ("checkboxes".equals(element.path("type").asText())) {
        assertThat(element.path("options").size()).isBetween(1, 10);
        ids.add(element.path("action_id").asText());
        element.path("options").forEach(o -> values.add(o.path("value").asText()));
      }
    }
    assertThat(values)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, steps).mapToObj(n -> INCIDENT + "#" + n).toList());
    assertThat(ids).doesNotHaveDuplicates().hasSize((steps + 9) / 10);
  }

  @Test
  void aSucceededRunsReportCarriesAnUndoButtonWhoseValueIsTheRunId() {
    chat.post(
        message(
            "Mock data is served. Undo with the action close-breaker.",
            MessageControls.undo("action-" + INCIDENT + "-k1")));

    JsonNode blocks = onlyMessage().blocks();
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("Mock data is served. Undo with the action close-breaker.");
    JsonNode undo = blocks.get(1).path("elements").get(0);
    assertThat(undo.path("action_id").asText()).isEqualTo("action_run_undo");
    assertThat(undo.path("value").asText()).isEqualTo("action-" + INCIDENT + "-k1");
    assertThat(undo.path("text").path("text").asText()).isEqualTo("Undo");
  }

  @Test
  void aMessageWithoutControlsStaysPlainText() {
    chat.post(message("Checklist 1 done", null));

    assertThat(onlyMessage().blocks()).isNullOrEmpty();
  }

  private static ThreadMessage message(String text, MessageControls controls) {
    return new ThreadMessage(
        INCIDENT + "/playbook-1", INCIDENT, "#incidents", null, text, null, controls);
  }

  private FakeSlackMessage onlyMessage() {
    List<FakeSlackMessage> messages = slack.fake.everyMessage();
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static PlaybookSpec playbook(int steps) {
    List<String> names = List.of("Step one", "Step two");
    List<String> checklist =
        IntStream.rangeClosed(1, steps)
            .mapToObj(n -> n <= names.size() ? names.get(n - 1) : "Step " + n)
            .toList();
    ActionStep.Env breaker = new ActionStep.Env(null, Map.of("MOCK", "true"), null);
    return new PlaybookSpec(
        "payments-down",
        "Payments down",
        null,
        "Checkout fails",
        null,
        List.of(
            new ActionSpec(
                "circuit-breaker",
                "Serve mock data",
                null,
                new ApprovalRule(List.of(), Duration.ofMinutes(15)),
                "Switch checkout to mock data?",
                null,
                breaker,
                null,
                "close-breaker"),
            new ActionSpec(
                "close-breaker", "Close the breaker", null, null, null, null, breaker, null, null)),
        checklist,
        null);
  }
}
