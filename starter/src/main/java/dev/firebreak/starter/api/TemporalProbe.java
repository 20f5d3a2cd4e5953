package dev.firebreak.starter.api;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Whether Temporal answers right now; {@code /healthz} reports it. */
@FunctionalInterface
public interface TemporalProbe {

  boolean reachable();

  /** Asks the frontend for its system info with a short deadline, so a health check never hangs. */
  static TemporalProbe of(WorkflowServiceStubs stubs, Duration deadline) {
    return () -> {
      try {
        stubs
            .blockingStub()
            .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    };
  }
}
