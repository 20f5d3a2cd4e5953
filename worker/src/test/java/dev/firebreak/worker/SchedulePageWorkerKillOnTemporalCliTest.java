package dev.firebreak.worker;

import static dev.firebreak.worker.ProcessTrial.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.worker.ProcessTrial.Restart;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page that resolves a schedule while its worker is {@code kill -9}ed, on a real Temporal: five
 * incidents are declared one after another and the worker is killed 0 to 160 ms after each, so each
 * is caught at another point of its first page (before it, while its activity asks who is on call
 * and posts the page, or past it). The schedule's person is an override held by the schedule's own
 * workflow. After the restart each incident has paged exactly that person once, recorded who it was
 * once, never paged the person the layers alone would give, and gone on to page its second level
 * once. The report (what each incident had done when the worker died) is in {@code
 * target/schedule-page-kill/report.md}.
 */
class SchedulePageWorkerKillOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  private static final Path OUTPUT = Path.of("target", "schedule-page-kill");
  private static final String LAYER_PERSON = "U0ALICE";
  private static final String OVERRIDE_PERSON = "U0BOB";

  /** When each kill falls after its incident's declare. */
  private static final List<Duration> KILL_AFTER =
      List.of(0, 40, 80, 120, 160).stream().map(Duration::ofMillis).toList();

  /** The schedule page's activity type: {@code OnCallPagingActivities}' prefix and method. */
  private static final String ON_CALL_PAGE = "OnCallPage";

  /**
   * The trial's config with level 1 paging the {@code primary} schedule, whose only layer puts
   * Alice on call every week.
   */
  static String config(String healthUrl) {
    String base = ProcessTrial.config(healthUrl);
    String primaryLevel = "- { name: primary, targets: [\"pagerduty:primary\"] }";
    assertThat(base).contains(primaryLevel);
    return base.replace(primaryLevel, "- { name: primary, targets: [\"schedule:primary\"] }")
        + """
        oncall:
          schedules:
            - name: primary
              timeZone: UTC
              services: [shop]
              layers:
                - name: weekly
                  turn: weekly
                  start: 2026-01-05
                  handoff: "09:00"
                  participants:
                    - { name: Alice, slackUserId: %s }
        """
            .formatted(LAYER_PERSON);
  }

  /** A killed worker on a loaded two-core machine takes a while to come back. */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void incidentsWhoseWorkerDiesWhileTheyResolveTheScheduleEachPageTheOnCallPersonExactlyOnce()
      throws Exception {
    try (ProcessTrial trial =
        new ProcessTrial(temporal, OUTPUT, 1, 1, SchedulePageWorkerKillOnTemporalCliTest::config)) {
      Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      trial
          .api()
          .call(
              "POST",
              "/api/v1/oncall/primary/overrides",
              "{\"slackUserId\":\""
                  + OVERRIDE_PERSON
                  + "\",\"name\":\"Bob\",\"from\":\""
                  + from
                  + "\",\"to\":\""
                  + from.plus(Duration.ofHours(1))
                  + "\"}",
              201);

      // One incident per kill, each killed a little later after its declare than the one before,
      // so the kills fall before, during and after resolving the schedule and posting the page.
      List<String> incidents = new ArrayList<>();
      Map<String, String> atTheKill = new LinkedHashMap<>();
      Map<String, Duration> pagedAfterRestart = new LinkedHashMap<>();
      for (Duration killAfter : KILL_AFTER) {
        String id =
            trial.declare("Schedule page trial, killed after " + killAfter.toMillis() + " ms");
        incidents.add(id);
        Thread.sleep(killAfter.toMillis()); // not a verdict's wait: where the kill falls
        Restart restart =
            trial.restartWorker(
                trial.workers.get(0),
                "incident-" + id,
                () ->
                    atTheKill.put(
                        id, killAfter.toMillis() + " ms after the declare: " + stateOf(trial, id)));
        pagedAfterRestart.put(
            id,
            ProcessTrial.resumed(
                restart.startedAt(), () -> !pagesOf(trial, id, OVERRIDE_PERSON).isEmpty()));
      }
      for (String id : incidents) {
        await(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> trial.fakes.triggersByLevel(id).containsKey("secondary"));
      }
      Files.writeString(OUTPUT.resolve("report.md"), report(atTheKill, pagedAfterRestart));
      for (String id : incidents) {
        JsonNode timeline = trial.incident(id).get("timeline");
        assertThat(pagesOf(trial, id, OVERRIDE_PERSON))
            .as("%s paged Bob; its timeline: %s", id, timeline)
            .hasSize(1);

        assertThat(pagesOf(trial, id, LAYER_PERSON)).as("%s paged Alice", id).isEmpty();
        assertThat(resolutions(trial, id))
            .as("%s recorded who the schedule gave", id)
            .singleElement()
            .asString()
            .contains("schedule primary → Bob (" + OVERRIDE_PERSON + ")");
        assertThat(trial.fakes.triggersByLevel(id)).containsOnlyKeys("secondary");
        assertThat(pagedAfterRestart.get(id))
            .as("%s's page, interrupted or not yet sent, leaves within 15 s of the restart", id)
            .isLessThanOrEqualTo(Duration.ofSeconds(15));
      }
      assertThat(trial.fakes.duplicatedSlackKeys()).isEmpty();
    }
  }

  /** What the incident had done when its worker died: started the page, finished it, paged. */
  private static String stateOf(ProcessTrial trial, String id) {
    List<HistoryEvent> events = trial.client.fetchHistory("incident-" + id).getEvents();
    List<Long> started =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(ON_CALL_PAGE))
            .map(HistoryEvent::getEventId)
            .toList();
    boolean finished =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
            .anyMatch(
                e ->
                    started.contains(
                        e.getActivityTaskCompletedEventAttributes().getScheduledEventId()));
    int pages = pagesOf(trial, id, OVERRIDE_PERSON).size();
    return (started.isEmpty()
            ? "had not started the page"
            : finished ? "had finished the page" : "was paging")
        + (pages == 0 ? ", nobody paged yet" : ", Bob paged");
  }

  private static List<FakeSlackMessage> pagesOf(ProcessTrial trial, String id, String person) {
    return trial.fakes.slack.everyMessage().stream()
        .filter(message -> message.text() != null)
        .filter(
            message -> message.text().contains("<@" + person + "> you are paged for *" + id + "*"))
        .toList();
  }

  private static List<String> resolutions(ProcessTrial trial, String id) throws Exception {
    JsonNode timeline = trial.incident(id).get("timeline");
    return StreamSupport.stream(timeline.spliterator(), false)
        .filter(entry -> entry.path("kind").asText().equals("oncall-resolved"))
        .map(entry -> entry.path("text").asText())
        .toList();
  }

  private static String report(Map<String, String> atTheKill, Map<String, Duration> paged) {
    StringBuilder report =
        new StringBuilder(
            "# A worker killed while pages resolve a schedule\n\n"
                + "| incident | when the worker died | Bob paged, after the restart began |\n"
                + "| --- | --- | --- |\n");
    atTheKill.forEach(
        (id, state) ->
            report
                .append("| ")
                .append(id)
                .append(" | ")
                .append(state)
                .append(" | ")
                .append(paged.get(id).toMillis())
                .append(" ms |\n"));
    return report.toString();
  }
}
