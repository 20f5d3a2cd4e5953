package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

  @Test
  void timeToAcknowledgeIsAHistogramWithTheRunbooksMarks() {
    PrometheusMeterRegistry registry = MetricsRegistry.create();

    registry.timer("firebreak_time_to_acknowledge", "severity", "P1").record(Duration.ofMinutes(3));
    registry
        .timer("firebreak_time_to_acknowledge", "severity", "P1")
        .record(Duration.ofMinutes(20));

    assertThat(registry.scrape())
        .contains("firebreak_time_to_acknowledge_seconds_bucket{severity=\"P1\",le=\"300.0\"} 1")
        .contains("firebreak_time_to_acknowledge_seconds_bucket{severity=\"P1\",le=\"1800.0\"} 2");
  }

  @Test
  void otherTimersStayPlainSummaries() {
    PrometheusMeterRegistry registry = MetricsRegistry.create();

    registry.timer("temporal_request_latency").record(Duration.ofMillis(5));

    assertThat(registry.scrape()).doesNotContain("temporal_request_latency_seconds_bucket");
  }
}
