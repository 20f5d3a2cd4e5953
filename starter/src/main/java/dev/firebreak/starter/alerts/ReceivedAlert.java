package dev.firebreak.starter.alerts;

import java.util.Map;

/**
 * One alert as its sender described it, before the rules map it to a service and a severity.
 *
 * @param labels what rules match on: the sender's labels (Sentry's tags and level)
 * @param values numbers rules compare with thresholds: Grafana's values, and labels, annotations or
 *     generic fields that read as numbers
 * @param payload an excerpt of this alert's JSON, kept in the incident as the latest payload
 */
record ReceivedAlert(
    AlertSource source,
    String fingerprint,
    boolean firing,
    String title,
    String detail,
    Map<String, String> labels,
    Map<String, Double> values,
    String payload) {}
