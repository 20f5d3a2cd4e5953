package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.service.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who sent an alert, which decides how its body reads. {@code ?source=} names it; otherwise the
 * body's shape does: a Sentry {@code Sentry-Hook-Resource} header or {@code data.event} is Sentry;
 * an {@code alerts} list with Grafana's {@code orgId} is Grafana, without it Alertmanager; anything
 * else is the generic shape.
 */
public enum AlertSource {
  ALERTMANAGER,
  GRAFANA,
  SENTRY,
  GENERIC;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static AlertSource named(String parameter) {
    return Arrays.stream(values())
        .filter(s -> s.label().equals(parameter.trim().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                Refusal.badRequest(
                    "Unknown source '"
                        + parameter
                        + "' (known: "
                        + Arrays.stream(values())
                            .map(AlertSource::label)
                            .collect(Collectors.joining(", "))
                        + ")."));
  }

  static AlertSource detect(JsonNode body, String sentryResource) {
    if (sentryResource != null || body.path("data").has("event")) {
      return SENTRY;
    }
    if (body.has("alerts")) {
      return body.has("orgId") ? GRAFANA : ALERTMANAGER;
    }
    return GENERIC;
  }

  AlertFormat format() {
    return switch (this) {
      case ALERTMANAGER, GRAFANA -> new PrometheusAlertFormat(this);
      case SENTRY -> new SentryIssueAlertFormat();
      case GENERIC -> new GenericAlertFormat();
    };
  }
}
