package dev.firebreak.starter.maintenance;

import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.SilencedAlert;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows that have not ended, found with {@code ListOpenWorkflowExecutions} by
 * type (the dev server has no advanced visibility, and its test server ignores the type filter, so
 * the type is checked here too). A critical incident declared while one of them runs is recorded in
 * both: the window's timeline (a signal) and the incident's (a note).
 *
 * <p>It is also the worker's {@link MaintenanceNoticeActivities}: the incident asks for the notice
 * itself, so incidents declared by alerts, jobs and windows are noticed as API and Slack ones are.
 */
public final class RunningWindows implements MaintenanceNoticeActivities {

  private static final Logger log = LoggerFactory.getLogger(RunningWindows.class);
  public static final String WORKFLOW_TYPE = MaintenanceWindowWorkflow.class.getSimpleName();

  /**
   * How long a notice waits for others to share its list. Each list costs the server a visibility
   * read and every open window a query, and a burst of critical incidents (a storm, a benchmark)
   * sent one list for every two of them; the windows hear of an incident this much later.
   */
  static final Duration GATHER = Duration.ofMillis(300);

  private final WorkflowClient client;
  private final SilencingWindows silencing;
  private final Duration gather;
  private final Queue<IncidentNotice> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean gathering = new AtomicBoolean();
  // One daemon thread: notices are rare (critical incidents) and need no shutdown of their own.
  private final ScheduledExecutorService notifier =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "maintenance-notices");
            thread.setDaemon(true);
            return thread;
          });

  public RunningWindows(WorkflowClient client) {
    this(client, Clock.systemUTC());
  }

  public RunningWindows(WorkflowClient client, Clock clock) {
    this(client, clock, GATHER);
  }

  RunningWindows(WorkflowClient client, Clock clock, Duration gather) {
    this.client = client;
    this.gather = gather;
    this.silencing =
        new SilencingWindows(
            this::workflowIds,
            id -> client.newWorkflowStub(MaintenanceWindowWorkflow.class, id).state(),
            clock);
  }

  public List<String> workflowIds() {
    return OpenWorkflows.idsOfType(client, WORKFLOW_TYPE);
  }

  public static boolean isWindow(WorkflowExecutionInfo info) {
    return WORKFLOW_TYPE.equals(info.getType().getName());
  }

  /**
   * In the background, so the incident's activity ends without waiting on a list of every open
   * workflow; never fails it: a window that cannot be told is logged. Notices that arrive within
   * {@link #GATHER} of the first share one list: a storm of critical incidents costs one list per
   * batch, not one each (on the embedded server each list is every open workflow), and every notice
   * is still checked against a list read after it arrived.
   */
  @Override
  public void tellRunningWindows(IncidentNotice notice) {
    pending.add(notice);
    if (gathering.compareAndSet(false, true)) {
      notifier.schedule(this::tellGathered, gather.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Reopens the gathering before taking the batch, so a notice that arrives meanwhile is either in
   * this batch or starts the next.
   */
  private void tellGathered() {
    gathering.set(false);
    tellPending();
  }

  private void tellPending() {
    List<IncidentNotice> batch = new ArrayList<>();
    for (IncidentNotice notice = pending.poll(); notice != null; notice = pending.poll()) {
      batch.add(notice);
    }
    if (batch.isEmpty()) {
      return; // an earlier run took them
    }
    try {
      for (String workflowId : workflowIds()) {
        MaintenanceWindowWorkflow window =
            client.newWorkflowStub(MaintenanceWindowWorkflow.class, workflowId);
        MaintenanceView view = window.state();
        if (view.status().isRunning()) {
          // A window that declares its own incident has already recorded it.
          batch.stream()
              .filter(notice -> !notice.incidentId().equals(view.incidentId()))
              .forEach(notice -> record(window, view, notice));
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "{}: could not tell the running maintenance windows: {}",
          batch.stream().map(IncidentNotice::incidentId).toList(),
          e.getMessage());
    }
  }

  /**
   * Asks the windows whose silence is on ({@link SilencingWindows}, read at most every few seconds)
   * whether one covers the alert's service and, if one does, records the alert on it. A window that
   * cannot be asked or told silences nothing: an alert that pages for nothing is better than one
   * that never pages.
   */
  @Override
  public Instant silence(SilencedAlert alert) {
    try {
      for (MaintenanceView view : silencing.now()) {
        if (view.services().contains(alert.service())) {
          client
              .newWorkflowStub(MaintenanceWindowWorkflow.class, view.workflowId())
              .recordSilenced(alert);
          log.info(
              "{}: {} alert '{}' on {} silenced by maintenance {} until {}",
              alert.incidentId(),
              alert.alert().source(),
              alert.alert().title(),
              alert.service(),
              view.id(),
              view.silenceEnds());
          return view.silenceEnds();
        }
      }
    } catch (RuntimeException e) {
      silencing.forget();
      log.warn(
          "{}: could not ask the maintenance windows whether {} is silenced; it pages: {}",
          alert.incidentId(),
          alert.service(),
          e.getMessage());
    }
    return null;
  }

  private void record(
      MaintenanceWindowWorkflow window, MaintenanceView view, IncidentNotice notice) {
    window.recordIncident(notice);
    client
        .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(notice.incidentId()))
        .addNote(
            new Note(
                "firebreak",
                "Declared during maintenance "
                    + view.id()
                    + " ("
                    + view.title()
                    + ", "
                    + view.status()
                    + ")"));
    log.info("{} declared during maintenance {}; recorded in both", notice.incidentId(), view.id());
  }
}
