package dev.firebreak.worker;

import static java.util.stream.Collectors.joining;

import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits the declare-to-message latency into its stages, from each incident's history: a target
 * missed says nothing about where to look, the stage that grew does. It also counts the Temporal
 * work an incident has asked for by then (workflow tasks, activities by type, markers, timers): on
 * a saturated machine the latency follows that work, everybody's, not one incident's own path.
 */
final class DeclareBreakdown {

  private static final String FIRST_MESSAGE = "ChatOpenIncidentMessage";

  private final WorkflowClient client;

  DeclareBreakdown(WorkflowClient client) {
    this.client = client;
  }

  /**
   * @param sentAt wall-clock millis of each POST, by incident id
   * @param arrivedAt wall-clock millis of each incident message at the fake Slack
   */
  List<String> of(Map<String, Long> sentAt, Map<String, Long> arrivedAt) {
    Map<String, List<Double>> stages = new LinkedHashMap<>();
    Map<String, Integer> work = new TreeMap<>();
    int incidents = 0;
    for (Map.Entry<String, Long> arrival : arrivedAt.entrySet()) {
      String id = arrival.getKey();
      long arrived = arrival.getValue();
      List<HistoryEvent> events =
          client.fetchHistory(IncidentWorkflow.workflowId(id)).getHistory().getEventsList();
      HistoryEvent scheduled =
          events.stream()
              .filter(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                          && e.getActivityTaskScheduledEventAttributes()
                              .getActivityType()
                              .getName()
                              .equals(FIRST_MESSAGE))
              .findFirst()
              .orElseThrow();
      // Temporal writes an activity's started event only once the activity has finished.
      HistoryEvent pickedUp =
          events.stream()
              .filter(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                          && e.getActivityTaskStartedEventAttributes().getScheduledEventId()
                              == scheduled.getEventId())
              .findFirst()
              .orElse(null);
      if (pickedUp == null) {
        continue;
      }
      incidents++;
      events.forEach(e -> countWork(work, e));
      long started = millis(first(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED));
      long taskStarted = millis(first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
      long taskCompleted = millis(first(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
      add(stages, "POST → workflow started", started - sentAt.get(id));
      add(stages, "started → first workflow task picked up", taskStarted - started);
      add(stages, "first workflow task", taskCompleted - taskStarted);
      add(stages, "message activity scheduled → picked up", millis(pickedUp) - millis(scheduled));
      add(stages, "picked up → message at Slack", arrived - millis(pickedUp));
    }
    List<String> lines = new ArrayList<>();
    stages.forEach(
        (stage, values) -> {
          Collections.sort(values);
          lines.add(
              String.format(
                  "  %s: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms",
                  stage,
                  BenchmarkReport.percentile(values, 50),
                  BenchmarkReport.percentile(values, 90),
                  BenchmarkReport.percentile(values, 99)));
        });
    if (incidents > 0) {
      int counted = incidents;
      lines.add(
          "  Temporal work per incident by then: "
              + work.entrySet().stream()
                  .map(
                      entry ->
                          String.format(
                              "%s %.1f", entry.getKey(), entry.getValue() / (double) counted))
                  .collect(joining(", ")));
    }
    return lines;
  }

  private static void countWork(Map<String, Integer> work, HistoryEvent event) {
    String kind =
        switch (event.getEventType()) {
          case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> "workflow tasks";
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
              "activity "
                  + event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          case EVENT_TYPE_MARKER_RECORDED ->
              "marker " + event.getMarkerRecordedEventAttributes().getMarkerName();
          case EVENT_TYPE_TIMER_STARTED -> "timers";
          case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> "search-attribute upserts";
          case EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED -> "memo upserts";
          default -> null;
        };
    if (kind != null) {
      work.merge(kind, 1, Integer::sum);
    }
  }

  private static void add(Map<String, List<Double>> stages, String stage, long millis) {
    stages.computeIfAbsent(stage, s -> new ArrayList<>()).add((double) millis);
  }

  private static HistoryEvent first(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).findFirst().orElseThrow();
  }

  private static long millis(HistoryEvent event) {
    return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
  }
}
