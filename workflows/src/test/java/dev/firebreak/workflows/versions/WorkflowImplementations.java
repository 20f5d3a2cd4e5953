package dev.firebreak.workflows.versions;

import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.job.JobFanOutWorkflowImpl;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflowImpl;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflowImpl;
import java.util.List;

/**
 * Every workflow implementation the worker registers, so a replay finds the type its history names.
 */
final class WorkflowImplementations {

  static final List<Class<?>> ALL =
      List.of(
          IncidentWorkflowImpl.class,
          MaintenanceWindowWorkflowImpl.class,
          RecurringWindowWorkflowImpl.class,
          JobWorkflowImpl.class,
          JobTickWorkflowImpl.class,
          JobFanOutWorkflowImpl.class,
          RollbackWorkflowImpl.class,
          RollbackLockWorkflowImpl.class,
          ActionRunWorkflowImpl.class,
          WebhookRetryWorkflowImpl.class,
          HeartbeatWorkflowImpl.class,
          OnCallScheduleWorkflowImpl.class);

  private WorkflowImplementations() {}
}
