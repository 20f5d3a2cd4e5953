package dev.firebreak.starter.incidents;

import dev.firebreak.workflows.incident.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firebreak_incidents_open{severity}}: counted from Temporal's list of running incidents,
 * not from counters, so a severity change or a crashed process can never leave the number wrong.
 * One list call serves every severity, and at most one is made per refresh period however often
 * Prometheus scrapes; if Temporal cannot answer, the last known figures stay.
 */
public final class OpenIncidentGauges {

  private static final Logger log = LoggerFactory.getLogger(OpenIncidentGauges.class);

  private final IncidentReads incidents;
  private final Clock clock;
  private final Duration refreshEvery;
  private Map<Severity, Integer> open = new EnumMap<>(Severity.class);
  private Instant countedAt = Instant.MIN;

  public OpenIncidentGauges(IncidentReads incidents, Clock clock, Duration refreshEvery) {
    this.incidents = incidents;
    this.clock = clock;
    this.refreshEvery = refreshEvery;
  }

  public void register(MeterRegistry registry) {
    for (Severity severity : Severity.values()) {
      Gauge.builder("firebreak.incidents.open", this, gauges -> gauges.count(severity))
          .description("Incidents not yet closed, by current severity")
          .tag("severity", severity.name())
          // Micrometer holds a gauge's object weakly; nothing else holds this one, so a GC would
          // turn it into NaN.
          .strongReference(true)
          .register(registry);
    }
  }

  private synchronized double count(Severity severity) {
    Instant now = clock.instant();
    if (now.isAfter(countedAt.plus(refreshEvery))) {
      try {
        open = countBySeverity(incidents.list(true));
        countedAt = now;
      } catch (RuntimeException unavailable) {
        log.debug(
            "Open incidents not counted (Temporal did not answer: {}); keeping the last figures",
            unavailable.getMessage());
      }
    }
    return open.getOrDefault(severity, 0);
  }

  private static Map<Severity, Integer> countBySeverity(List<IncidentSummary> running) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (IncidentSummary incident : running) {
      for (Severity severity : Severity.values()) {
        if (severity.name().equals(incident.severity())) {
          counts.merge(severity, 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
