package dev.firebreak.activities.pagerduty;

import java.util.Map;

/**
 * The payload of a trigger event.
 *
 * @param severity {@code critical|error|warning|info}
 * @param details shown to the responder in PagerDuty ({@code custom_details})
 */
public record PagerDutyAlert(
    String summary,
    String source,
    String severity,
    String component,
    Map<String, String> details) {}
