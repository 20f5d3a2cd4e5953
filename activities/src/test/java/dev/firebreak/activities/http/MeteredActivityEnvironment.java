package dev.firebreak.activities.http;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.firebreak.workflows.common.ReportedMetrics;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;

/**
 * A test activity environment whose metrics scope reports into {@link #reported}, keyed by the
 * {@code provider} and {@code outcome} tags: what {@code /metrics} would show of provider calls.
 * Close it before reading {@link #reported}, which flushes the last report.
 */
public final class MeteredActivityEnvironment implements AutoCloseable {

  public final ReportedMetrics reported = new ReportedMetrics("provider", "outcome");
  public final TestActivityEnvironment env;
  private final Scope scope;

  public MeteredActivityEnvironment() {
    scope =
        new RootScopeBuilder()
            .reporter(reported)
            .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    env =
        TestActivityEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
  }

  @Override
  public void close() throws ScopeCloseException {
    scope.close();
    env.close();
  }
}
