package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.Priority;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The incident's side effects besides pages ({@link PageDelivery}) and diagnostics ({@link
 * DiagnosticRuns}): the chat lane's delivery, telling windows, the memo, search attributes, the
 * rollback child and continue-as-new, and the version checks that decide which of them a run
 * issues. The runbook steps decide what to do; this class does it, and records in the timeline what
 * came of it.
 */
final class IncidentEffects {

  private static final Logger log = Workflow.getLogger(IncidentEffects.class);

  /**
   * The incident message goes ahead of other queued activity tasks (lower key first; the default is
   * 3): it is how responders learn of the incident, and everything posted later threads under it.
   */
  private static final ActivityOptions FIRST_MESSAGE =
      ActivityOptions.newBuilder(ActivityPolicies.NOTIFY)
          .setPriority(Priority.newBuilder().setPriorityKey(1).build())
          .build();

  /**
   * Telling the windows is a courtesy: it gives up after a few minutes rather than hold the
   * incident.
   */
  private static final ActivityOptions NOTICE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .build();

  /**
   * The notice only queues the incident in the worker, which reads the windows in the background,
   * so it runs inside the first workflow task: as a regular activity it cost every critical
   * declaration an activity task, a workflow task and their writes on the server. It is given
   * seconds, not minutes: the first workflow task, and with it the incident message, waits for it.
   * Every worker that runs incidents must register {@link MaintenanceNoticeActivities}: the SDK
   * fails a workflow task whose local activity the worker lacks, again at each retry.
   */
  private static final LocalActivityOptions LOCAL_NOTICE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(2))
          .setScheduleToCloseTimeout(Duration.ofSeconds(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
          .build();

  private final Incident incident;
  private final IncidentPolicy policy;
  private final ChatLane chatLane;
  private final IncidentChanges changes;
  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY);
  private final ChatActivities firstMessage =
      Workflow.newActivityStub(ChatActivities.class, FIRST_MESSAGE);
  private Boolean providersEnabled;
  private boolean writesStatusMemo;
  private Map<String, Object> publishedMemo;

  IncidentEffects(
      Incident incident, IncidentPolicy policy, ChatLane chatLane, IncidentChanges changes) {
    this.incident = incident;
    this.policy = policy;
    this.chatLane = chatLane;
    this.changes = changes;
  }

  /**
   * Decides what the run writes into its memo: whether it keeps status and severity there (asked,
   * for a run before the baseline, ahead of {@link PageDelivery#startRun()}, in the order the first
   * run asked them), and, since the baseline, what its start already wrote there.
   */
  void startRun() {
    writesStatusMemo = changes.on(IncidentVersions.STATUS_MEMO);
    if (changes.sinceBaseline()) {
      // A declaration starts with its status in the memo (IncidentMemo#declared): writing it again
      // would cost an event and a visibility update for nothing.
      String status = Workflow.getMemo(IncidentMemo.STATUS, String.class, String.class);
      String severity = Workflow.getMemo(IncidentMemo.SEVERITY, String.class, String.class);
      if (status != null && severity != null) {
        publishedMemo = Map.of(IncidentMemo.STATUS, status, IncidentMemo.SEVERITY, severity);
      }
    }
  }

  /**
   * Whether this run may use the provider integrations (see {@link IncidentVersions#PROVIDERS});
   * asked once per run.
   */
  boolean providersEnabled() {
    if (providersEnabled == null) {
      providersEnabled = changes.on(IncidentVersions.PROVIDERS);
    }
    return providersEnabled;
  }

  // ---- Chat ----------------------------------------------------------------------------------

  /** Delivers queued chat work one item at a time, in order; never blocks the main loop. */
  void deliverChat() {
    while (true) {
      Workflow.await(() -> !chatLane.isEmpty());
      ChatWork work = chatLane.next();
      try {
        deliver(work);
      } catch (ActivityFailure failure) {
        incident.record(
            now(),
            "chat-failed",
            null,
            "Could not deliver a chat message: " + RootCause.message(failure));
        log.error("{} chat delivery failed: {}", incident.id(), RootCause.message(failure));
      }
      chatLane.delivered();
    }
  }

  private void deliver(ChatWork work) {
    MessageRef message = incident.chat.incidentMessage();
    switch (work.kind()) {
      case ANNOUNCE -> {
        if (message == null) {
          MessageRef posted = postIncidentMessage();
          incident.chat = incident.chat.withIncidentMessage(posted);
          if (posted.dryRun()) {
            incident.record(
                now(),
                "dry-run",
                null,
                "Incident message not sent (chat provider is dry-run) to " + posted.channel());
          }
        }
      }
      case REFRESH -> {
        if (ChatLane.posted(message)) {
          chat.updateIncidentMessage(message, chatLane.card());
        }
      }
      case POST -> recordDryRun(chat.post(chatLane.message(work, inIncidentRoom(message))));
      case APPROVAL ->
          recordDryRun(
              chat.askForApproval(chatLane.approvalRequest(work, inIncidentRoom(message))));
    }
  }

  /**
   * Posts the incident message and sends its announcement on its way without waiting for it: the
   * shared channel may be queued behind a storm of other incidents' announcements.
   */
  private MessageRef postIncidentMessage() {
    if (!changes.on(IncidentVersions.SEPARATE_ANNOUNCEMENT)) {
      return chat.postIncidentMessage(chatLane.card());
    }
    MessageRef posted = firstMessage.openIncidentMessage(chatLane.card());
    Async.function(chat::announceIncidentMessage, chatLane.card(), posted)
        .exceptionally(
            failure -> {
              incident.record(
                  now(),
                  "chat-failed",
                  null,
                  "Could not announce the incident: " + RootCause.message(failure));
              log.error("{} announcement failed: {}", incident.id(), RootCause.message(failure));
              return null;
            });
    return posted;
  }

  /**
   * Whether messages follow the incident message into the channel it was posted in (with Slack, the
   * incident's own room). Incidents that began before rooms keep posting to the configured channel,
   * as their history says they did.
   */
  boolean inIncidentRoom(MessageRef message) {
    return ChatLane.posted(message) && changes.on(IncidentVersions.INCIDENT_ROOM);
  }

  void recordDryRun(Delivery delivery) {
    if (delivery != null && delivery.dryRun()) {
      incident.record(now(), "dry-run", null, delivery.detail());
    }
  }

  // ---- Maintenance windows -------------------------------------------------------------------

  /**
   * A P0/P1 tells the running maintenance windows (since {@link
   * IncidentVersions#DECLARATION_NOTICE}; by a local activity since {@link
   * IncidentVersions#LOCAL_NOTICE}). Fire-and-forget: a window that cannot be told is logged, and
   * the incident goes on.
   */
  void tellRunningWindowsIfCritical() {
    if (!incident.severity().isCritical() || !changes.on(IncidentVersions.DECLARATION_NOTICE)) {
      return;
    }
    MaintenanceNoticeActivities notices =
        !changes.on(IncidentVersions.LOCAL_NOTICE)
            ? Workflow.newActivityStub(MaintenanceNoticeActivities.class, NOTICE)
            : Workflow.newLocalActivityStub(MaintenanceNoticeActivities.class, LOCAL_NOTICE);
    IncidentNotice notice =
        new IncidentNotice(
            incident.id(),
            incident.severity().name(),
            incident.declaration.title(),
            incident.declaration.service());
    Async.procedure(notices::tellRunningWindows, notice)
        .exceptionally(
            failure -> {
              log.warn(
                  "{} could not tell the running maintenance windows: {}",
                  incident.id(),
                  RootCause.message(failure));
              return null;
            });
  }

  // ---- What lists and the UI read --------------------------------------------------------------

  /**
   * The search attributes and the UI's current details follow the status, severity and commander.
   */
  void statusChanged() {
    publishSearchAttributes();
    Workflow.setCurrentDetails(
        "**"
            + incident.id()
            + "** · "
            + incident.severity()
            + " · "
            + incident.status().label()
            + (incident.lifecycle.commander() == null
                ? ""
                : " · commander " + incident.lifecycle.commander()));
  }

  /**
   * Writes status and severity into the memo when they changed since it was last written. Only the
   * main loop writes it (every command that changes either wakes the loop), so handlers ask no
   * version.
   */
  void publishStatusMemo() {
    Map<String, Object> progress = IncidentMemo.progress(incident.status(), incident.severity());
    if (writesStatusMemo && !progress.equals(publishedMemo)) {
      Workflow.upsertMemo(progress);
      publishedMemo = progress;
    }
  }

  void publishSearchAttributes() {
    if (!policy.searchAttributes() || (changes.sinceBaseline() && searchAttributesCurrent())) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(
        IncidentSearchAttributes.SEVERITY.valueSet(incident.severity().name()),
        IncidentSearchAttributes.STATUS.valueSet(incident.status().name()),
        IncidentSearchAttributes.SERVICE.valueSet(incident.declaration.service()));
  }

  /** Whether the search attributes (set at start, or upserted since) already say what we would. */
  private boolean searchAttributesCurrent() {
    SearchAttributes current = Workflow.getTypedSearchAttributes();
    return incident.severity().name().equals(current.get(IncidentSearchAttributes.SEVERITY))
        && incident.status().name().equals(current.get(IncidentSearchAttributes.STATUS))
        && incident.declaration.service().equals(current.get(IncidentSearchAttributes.SERVICE));
  }

  /** Whether the server suggests continuing as new, or the history reached the policy's limit. */
  boolean historyIsLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() >= policy.historyEventLimit();
  }

  /**
   * Ends this run and starts the next with {@code input}, its memo naming the incident it carries.
   */
  void continueAsNew(
      Declaration declaration, Severity severity, Instant declaredAt, IncidentInput input) {
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setMemo(IncidentMemo.of(declaration, severity, declaredAt))
            .build(),
        input);
  }

  /**
   * Starts the rollback as a child that outlives this run (an incident may continue as new or close
   * first) and waits until it has started; false when it was already started.
   */
  boolean startRollback(RollbackOrder order) {
    return startOutlivingChild(
        RollbackWorkflow.class,
        order.workflowId(),
        "Rollback of " + order.request().service() + " for " + incident.id(),
        child -> Async.function(child::run, order));
  }

  /** Starts a playbook action's run the same way as a rollback; false when already started. */
  boolean startActionRun(ActionOrder order) {
    return startOutlivingChild(
        ActionRunWorkflow.class,
        order.workflowId(),
        order.action().name() + " (" + order.playbook() + ") for " + incident.id(),
        child -> Async.function(child::run, order));
  }

  private <W> boolean startOutlivingChild(
      Class<W> type, String workflowId, String summary, Function<W, Promise<?>> start) {
    W child =
        Workflow.newChildWorkflowStub(
            type,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary(summary)
                .build());
    start.apply(child).handle((result, failure) -> null);
    try {
      Workflow.getWorkflowExecution(child).get();
      return true;
    } catch (ChildWorkflowFailure alreadyStarted) {
      return false;
    }
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
