package dev.firebreak.workflows.maintenance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workflow tests' maintenance notices: remembers which incidents would have been announced to
 * running windows.
 */
public class RecordingNotices implements MaintenanceNoticeActivities {
  public final List<IncidentNotice> notices = new CopyOnWriteArrayList<>();

  @Override
  public void tellRunningWindows(IncidentNotice notice) {
    notices.add(notice);
  }
}
