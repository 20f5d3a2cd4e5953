package dev.firebreak.workflows.webhooks;

import java.util.List;

/**
 * Events for one delivery activity to send to the application's endpoint, paced to {@code
 * ratePerSecond}. {@code signingSecret} is a {@code ${ENV}} reference; {@code jobId} goes into log
 * lines.
 */
public record RedeliveryBatch(
    String provider,
    String endpointUrl,
    String signingSecret,
    double ratePerSecond,
    List<String> eventIds,
    String jobId) {}
