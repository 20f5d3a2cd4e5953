package dev.firebreak.starter.alerts;

import dev.firebreak.workflows.maintenance.SilencedAlert;
import java.time.Instant;

/**
 * Whether a maintenance window silences an alert's service. One that does records the alert and
 * answers until when; null means the alert pages as usual.
 */
@FunctionalInterface
public interface AlertSilences {

  AlertSilences NONE = alert -> null;

  Instant silence(SilencedAlert alert);
}
