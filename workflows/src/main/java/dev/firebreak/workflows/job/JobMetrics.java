package dev.firebreak.workflows.job;

import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * What jobs report to {@code /metrics}: runs by job and outcome. Through the workflow's metrics
 * scope, which is silent during replay, so a worker restart never counts a run twice.
 */
final class JobMetrics {

  static final String RUNS = "firebreak_job_runs";

  private JobMetrics() {}

  static void ran(String job, JobOutcome outcome) {
    Workflow.getMetricsScope()
        .tagged(Map.of("job", job, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)))
        .counter(RUNS)
        .inc(1);
  }
}
