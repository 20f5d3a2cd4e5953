package dev.firebreak.workflows.maintenance;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * Tells the maintenance windows that are running now of a P0/P1 incident, however it was declared
 * (API, Slack, alert, job or a window): each records it in its timeline and the incident gets a
 * note naming the window.
 */
@ActivityInterface(namePrefix = "MaintenanceNotice")
public interface MaintenanceNoticeActivities {

  @ActivityMethod
  void tellRunningWindows(IncidentNotice notice);

  /**
   * Records the alert on the running window that silences its service, and says until when; null
   * when no window silences the service, and the alert pages as usual.
   */
  @ActivityMethod
  Instant silence(SilencedAlert alert);
}
