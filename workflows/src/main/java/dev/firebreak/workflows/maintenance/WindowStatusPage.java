package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.ActivityPolicies.NOTIFY;

import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The window as customers read it on the status page: scheduled with the first announcement, moved
 * when the window is extended, completed when it ends. The status page not answering is noted in
 * the timeline, never a reason to stop the window.
 */
final class WindowStatusPage {

  private static final Logger log = Workflow.getLogger(WindowStatusPage.class);

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final BiConsumer<String, String> timeline;
  private final StatusPageActivities statusPage =
      Workflow.newActivityStub(StatusPageActivities.class, NOTIFY);
  private final WorkflowLock rescheduling = Workflow.newWorkflowLock();
  private PublicIncidentRef ref;

  /** {@code timeline} records an entry (kind, text) in the window's timeline. */
  WindowStatusPage(
      MaintenanceRequest request, MaintenancePlan plan, BiConsumer<String, String> timeline) {
    this.request = request;
    this.plan = plan;
    this.timeline = timeline;
  }

  /**
   * The first announcement schedules the maintenance; later ones (and a failed first) leave it as
   * it is.
   */
  void announce(String text, Instant end) {
    if (ref != null) {
      return;
    }
    try {
      ref =
          statusPage.scheduleMaintenance(
              new ScheduledMaintenance(
                  request.workflowId(),
                  request.title(),
                  text,
                  request.start(),
                  end,
                  plan.statusPageComponents()));
      timeline.accept(
          "announce", "Status page maintenance " + ref.id() + (ref.dryRun() ? " (dry-run)" : ""));
    } catch (ActivityFailure failed) {
      timeline.accept("announce", "Status page not told: " + RootCause.message(failed));
    }
  }

  /**
   * Moves the announced maintenance's end with the window's, so customers read the new end and
   * Statuspage does not complete it early. Extensions take turns and each sends the latest end
   * (read once it holds the lock): a retried earlier call can then never land after a later one and
   * bring an older end back.
   */
  void reschedule(Supplier<Instant> end) {
    if (ref == null
        || ref.dryRun()
        || Workflow.getVersion(
                MaintenanceWindowVersions.STATUSPAGE_EXTEND, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    rescheduling.lock();
    try {
      statusPage.reschedule(
          new MaintenanceReschedule(request.workflowId(), ref, request.start(), end.get()));
      timeline.accept("extend", "Status page maintenance " + ref.id() + " now ends " + end.get());
    } catch (ActivityFailure failed) {
      timeline.accept(
          "extend", "Status page not told of the new end: " + RootCause.message(failed));
      log.warn(
          "{} status page maintenance {} still shows the old end: {}",
          request.id(),
          ref.id(),
          RootCause.message(failed));
    } finally {
      rescheduling.unlock();
    }
  }

  /** The window's ending closes the maintenance with its sentence. */
  void complete(String sentence) {
    if (ref == null || ref.dryRun()) {
      return;
    }
    try {
      statusPage.update(
          new PublicIncidentUpdate(request.workflowId(), ref, "completed", sentence, null, null));
    } catch (ActivityFailure failed) {
      timeline.accept("end", "Status page not told: " + RootCause.message(failed));
    }
  }
}
