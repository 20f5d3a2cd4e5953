package dev.firebreak.workflows.incident;

import java.time.Instant;

/**
 * How often the incident's alert fired and resolved, and the latest delivery: a storm of one alert
 * is a counter here, not a page each.
 *
 * @param firing whether the latest delivery said the alert is firing
 */
public record AlertTally(
    int firings, int resolutions, boolean firing, Instant latestAt, String latestPayload) {

  static final AlertTally NONE = new AlertTally(0, 0, false, null, null);

  AlertTally with(Instant at, AlertReceived alert) {
    return new AlertTally(
        firings + (alert.firing() ? 1 : 0),
        resolutions + (alert.firing() ? 0 : 1),
        alert.firing(),
        at,
        alert.payload());
  }
}
