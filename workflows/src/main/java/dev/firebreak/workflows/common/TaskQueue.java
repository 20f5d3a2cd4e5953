package dev.firebreak.workflows.common;

/**
 * The one task queue every Firebreak workflow and activity runs on: incidents, jobs, maintenance
 * windows, rollbacks and their locks. The worker polls it, and every client that starts a workflow
 * (API, Slack, alerts, schedules) names it, so it is defined here, once, rather than on one
 * workflow.
 */
public final class TaskQueue {

  public static final String NAME = "firebreak";

  private TaskQueue() {}
}
