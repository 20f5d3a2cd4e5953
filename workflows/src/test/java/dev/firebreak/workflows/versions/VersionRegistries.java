package dev.firebreak.workflows.versions;

import dev.firebreak.workflows.common.VersionedChange;
import dev.firebreak.workflows.heartbeat.HeartbeatVersions;
import dev.firebreak.workflows.incident.IncidentVersions;
import dev.firebreak.workflows.job.JobVersions;
import dev.firebreak.workflows.maintenance.MaintenanceWindowVersions;
import dev.firebreak.workflows.maintenance.RecurringWindowVersions;
import dev.firebreak.workflows.oncall.OnCallScheduleVersions;
import dev.firebreak.workflows.playbook.ActionRunVersions;
import dev.firebreak.workflows.rollback.RollbackVersions;
import java.util.List;
import java.util.Map;

/** Each workflow type's registry of change ids; a type absent here asks for no version. */
final class VersionRegistries {

  static final Map<String, List<VersionedChange>> BY_WORKFLOW_TYPE =
      Map.of(
          "IncidentWorkflow", IncidentVersions.CHANGES,
          "MaintenanceWindowWorkflow", MaintenanceWindowVersions.CHANGES,
          "RecurringWindowWorkflow", RecurringWindowVersions.CHANGES,
          "JobWorkflow", JobVersions.CHANGES,
          "RollbackWorkflow", RollbackVersions.CHANGES,
          "HeartbeatWorkflow", HeartbeatVersions.CHANGES,
          "ActionRunWorkflow", ActionRunVersions.CHANGES,
          "OnCallScheduleWorkflow", OnCallScheduleVersions.CHANGES);

  private VersionRegistries() {}
}
