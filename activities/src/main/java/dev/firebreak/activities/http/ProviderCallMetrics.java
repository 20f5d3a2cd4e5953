package dev.firebreak.activities.http;

import io.temporal.activity.Activity;
import java.util.Map;

/**
 * Counts provider calls by outcome ({@code firebreak_provider_calls_total{provider,outcome}} at
 * {@code /metrics}) on the running activity's metrics scope, so they are reported with Temporal's
 * own metrics through the worker's registry. A client used outside an activity (a test, the CLI)
 * counts nothing.
 */
public final class ProviderCallMetrics {

  static final String NAME = "firebreak_provider_calls";

  private ProviderCallMetrics() {}

  /**
   * An HTTP answer: ok (2xx and 3xx), rate_limited (429), client_error (other 4xx) or server_error.
   */
  public static void answered(String provider, int status) {
    record(
        provider,
        status == 429
            ? "rate_limited"
            : status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok");
  }

  /** No answer: the deadline passed ({@code timeout}) or the provider could not be reached. */
  public static void unanswered(String provider, boolean timedOut) {
    record(provider, timedOut ? "timeout" : "unreachable");
  }

  private static void record(String provider, String outcome) {
    com.uber.m3.tally.Scope scope;
    try {
      scope = Activity.getExecutionContext().getMetricsScope();
    } catch (IllegalStateException notAnActivity) {
      return;
    }
    scope.tagged(Map.of("provider", provider, "outcome", outcome)).counter(NAME).inc(1);
  }
}
