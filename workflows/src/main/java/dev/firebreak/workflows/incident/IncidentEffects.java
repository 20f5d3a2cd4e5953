package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.Priority;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The incident's side effects: the activities that post, page, diagnose and tell windows, and the
 * version checks that decide which of them a run issues. The runbook steps decide what to do; this
 * class does it, and records in the timeline what came of it.
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

  /** A page is a post that keeps trying for an hour: waking someone late beats not waking them. */
  private static final ActivityOptions PAGING =
      ActivityOptions.newBuilder(ActivityPolicies.NOTIFY)
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .build();

  /** A diagnostic that cannot answer in a minute is itself the answer ("could not check"). */
  private static final ActivityOptions DIAGNOSTICS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(2)
                  .build())
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

  private final Incident incident;
  private final IncidentPolicy policy;
  private final ChatLane chatLane;
  private final Pager pager;
  private final IncidentDiagnostics diagnosticsPlan;
  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY);
  private final ChatActivities firstMessage =
      Workflow.newActivityStub(ChatActivities.class, FIRST_MESSAGE);
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, DIAGNOSTICS);
  private final DiagnosticsActivities healthChecks =
      Workflow.newActivityStub(DiagnosticsActivities.class, ActivityPolicies.HEALTH);
  private final ErrorCountActivities errorCounts =
      Workflow.newActivityStub(ErrorCountActivities.class, DIAGNOSTICS);
  private Integer providersVersion;
  private boolean writesStatusMemo;
  private boolean followsUpAfterPages;
  private Map<String, Object> publishedMemo;
  private int pagesInFlight;

  /**
   * Escalation pages not yet answered by their provider; follow-ups wait for them
   * (IncidentVersions#FOLLOW_UP_AFTER_PAGES).
   */
  private int triggersInFlight;

  IncidentEffects(
      Incident incident,
      IncidentPolicy policy,
      ChatLane chatLane,
      Pager pager,
      IncidentDiagnostics diagnosticsPlan) {
    this.incident = incident;
    this.policy = policy;
    this.chatLane = chatLane;
    this.pager = pager;
    this.diagnosticsPlan = diagnosticsPlan;
  }

  /** Asks the versions a run decides once at its start, in the order its first run asked them. */
  void startRun() {
    writesStatusMemo =
        Workflow.getVersion(IncidentVersions.STATUS_MEMO, Workflow.DEFAULT_VERSION, 1) >= 1;
    followsUpAfterPages =
        Workflow.getVersion(IncidentVersions.FOLLOW_UP_AFTER_PAGES, Workflow.DEFAULT_VERSION, 1)
            >= 1;
  }

  /**
   * Whether this run may use the provider integrations (see {@link IncidentVersions#PROVIDERS});
   * asked once per run.
   */
  boolean providersEnabled() {
    if (providersVersion == null) {
      providersVersion =
          Workflow.getVersion(IncidentVersions.PROVIDERS, Workflow.DEFAULT_VERSION, 1);
    }
    return providersVersion >= 1;
  }

  boolean pagesSettled() {
    return pagesInFlight == 0;
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
    }
  }

  /**
   * Posts the incident message and sends its announcement on its way without waiting for it: the
   * shared channel may be queued behind a storm of other incidents' announcements.
   */
  private MessageRef postIncidentMessage() {
    if (Workflow.getVersion(IncidentVersions.SEPARATE_ANNOUNCEMENT, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
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
  private boolean inIncidentRoom(MessageRef message) {
    return ChatLane.posted(message)
        && Workflow.getVersion(IncidentVersions.INCIDENT_ROOM, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  void recordDryRun(Delivery delivery) {
    if (delivery != null && delivery.dryRun()) {
      incident.record(now(), "dry-run", null, delivery.detail());
    }
  }

  // ---- Paging --------------------------------------------------------------------------------

  void page(String key, EscalationLevel level, String reason) {
    PagingActivities paging =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING)
                .setSummary("Page " + level.name() + ": " + reason)
                .build());
    Promise<Delivery> page =
        Async.function(
            paging::page,
            pager.request(
                incident, key, level, reason, inIncidentRoom(incident.chat.incidentMessage())));
    triggersInFlight++;
    page.handle((delivery, failure) -> triggersInFlight--);
    fireAndRecord(page, "page " + level.name(), key);
  }

  /**
   * Tells the paging providers that keep an incident of their own (PagerDuty) that this one was
   * acknowledged or resolved, so their escalation stops too. Fire-and-record, like a page. Since
   * {@link IncidentVersions#FOLLOW_UP_AFTER_PAGES} it waits for the pages still on their way.
   */
  void followUpPages(String by, boolean resolved) {
    if (!providersEnabled() || !Pager.followsUp(incident)) {
      return;
    }
    String action = resolved ? "resolve" : "acknowledge";
    PageFollowUp followUp = pager.followUp(incident, by);
    PagingActivities paging =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING).setSummary("Paging providers: " + action).build());
    Promise<Delivery> call;
    if (!followsUpAfterPages) {
      call =
          resolved
              ? Async.function(paging::resolved, followUp)
              : Async.function(paging::acknowledged, followUp);
    } else {
      call =
          Async.function(
              () -> {
                Workflow.await(() -> triggersInFlight == 0);
                return resolved ? paging.resolved(followUp) : paging.acknowledged(followUp);
              });
    }
    fireAndRecord(call, action + " the page", incident.id() + "/" + action);
  }

  /** Records where a page (or its follow-up) went, or that it failed; never blocks the caller. */
  private void fireAndRecord(Promise<Delivery> call, String what, String key) {
    pagesInFlight++;
    call.handle(
        (delivery, failure) -> {
          pagesInFlight--;
          if (failure != null) {
            incident.record(
                now(),
                "page-failed",
                null,
                "Could not " + what + ": " + RootCause.message(failure));
            log.error("{} {} failed: {}", incident.id(), key, RootCause.message(failure));
          } else if (delivery != null && !delivery.dryRun()) {
            incident.record(now(), "page-delivery", null, delivery.detail());
          } else {
            recordDryRun(delivery);
          }
          return null;
        });
  }

  // ---- Diagnostics ---------------------------------------------------------------------------

  /**
   * Runs every health check in parallel and records the results (see
   * IncidentDiagnostics#healthLine).
   */
  List<HealthResult> runHealthChecks(boolean recordWhenHealthy) {
    List<HealthResult> results = startHealthChecks().stream().map(Promise::get).toList();
    String line = diagnosticsPlan.healthLine(incident, results, recordWhenHealthy);
    if (line != null) {
      incident.record(now(), "health", null, line);
    }
    return results;
  }

  private List<Promise<HealthResult>> startHealthChecks() {
    List<Promise<HealthResult>> checks = new ArrayList<>();
    for (HealthCheck check : diagnosticsPlan.healthChecks()) {
      checks.add(
          diagnose(
              () -> healthChecks.checkHealth(check),
              failure -> IncidentDiagnostics.couldNotCheck(check, RootCause.message(failure))));
    }
    return checks;
  }

  Assessment runDiagnostics(boolean countErrors) {
    List<Promise<HealthResult>> health = startHealthChecks();
    List<Promise<DependencyStatus>> dependencies = new ArrayList<>();
    List<Promise<DeployHistory>> deploys = new ArrayList<>();
    List<Promise<ErrorCount>> errors = new ArrayList<>();
    Instant since = now().minus(policy.recentDeployWindow());
    for (IncidentDiagnostics.ServiceDiagnostics service :
        diagnosticsPlan.assessment(since, countErrors)) {
      for (StatusPageCheck check : service.dependencies()) {
        dependencies.add(
            diagnose(
                () -> diagnostics.checkStatusPage(check),
                failure -> IncidentDiagnostics.couldNotRead(check, RootCause.message(failure))));
      }
      if (service.deploys() != null) {
        deploys.add(
            diagnose(
                () -> diagnostics.recentDeploys(service.deploys()),
                failure ->
                    IncidentDiagnostics.couldNotList(
                        service.deploys(), RootCause.message(failure))));
      }
      if (service.errors() != null) {
        errors.add(
            diagnose(
                () -> errorCounts.recentErrors(service.errors()),
                failure ->
                    IncidentDiagnostics.couldNotCount(
                        service.errors(), RootCause.message(failure))));
      }
    }
    return Assessment.of(
        policy,
        since,
        health.stream().map(Promise::get).toList(),
        dependencies.stream().map(Promise::get).toList(),
        deploys.stream().map(Promise::get).toList(),
        errors.stream().map(Promise::get).toList());
  }

  /**
   * Runs one diagnostic in parallel with the others. A diagnostic that fails is itself a finding,
   * so the failure becomes a result instead of failing the assessment.
   */
  private static <T> Promise<T> diagnose(
      Supplier<T> call, Function<RuntimeException, T> onFailure) {
    return Async.function(call::get)
        .handle((result, failure) -> failure == null ? result : onFailure.apply(failure));
  }

  // ---- Maintenance windows -------------------------------------------------------------------

  /**
   * A P0/P1 tells the running maintenance windows (since {@link
   * IncidentVersions#DECLARATION_NOTICE}). Fire-and-forget: a window that cannot be told is logged,
   * and the incident goes on.
   */
  void tellRunningWindowsIfCritical() {
    if (!incident.severity().isCritical()
        || Workflow.getVersion(IncidentVersions.DECLARATION_NOTICE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    MaintenanceNoticeActivities notices =
        Workflow.newActivityStub(MaintenanceNoticeActivities.class, NOTICE);
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
    if (policy.searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(
          IncidentSearchAttributes.SEVERITY.valueSet(incident.severity().name()),
          IncidentSearchAttributes.STATUS.valueSet(incident.status().name()),
          IncidentSearchAttributes.SERVICE.valueSet(incident.declaration.service()));
    }
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
    RollbackWorkflow child =
        Workflow.newChildWorkflowStub(
            RollbackWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary(
                    "Rollback of " + order.request().service() + " for " + incident.id())
                .build());
    Async.function(child::run, order).handle((view, failure) -> null);
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
