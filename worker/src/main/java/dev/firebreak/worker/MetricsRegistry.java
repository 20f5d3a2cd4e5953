package dev.firebreak.worker;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The process's Prometheus registry. Time to acknowledge and time to resolve arrive from the
 * workflows as plain timers; they are published as histograms with buckets at the runbooks' own
 * marks (5 and 15 minutes to acknowledge, an hour or four to resolve) so a dashboard can show
 * "acknowledged within the P1 target" without guessing from averages.
 */
final class MetricsRegistry {

  private static final double[] RESPONSE_TIME_BUCKETS =
      Stream.of(
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(15),
              Duration.ofMinutes(30),
              Duration.ofHours(1),
              Duration.ofHours(2),
              Duration.ofHours(4),
              Duration.ofHours(12),
              Duration.ofDays(1))
          .mapToDouble(Duration::toNanos)
          .toArray();

  private MetricsRegistry() {}

  static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("firebreak_time_to_")) {
                  return config;
                }
                return DistributionStatisticConfig.builder()
                    .serviceLevelObjectives(RESPONSE_TIME_BUCKETS)
                    .build()
                    .merge(config);
              }
            });
    return registry;
  }
}
