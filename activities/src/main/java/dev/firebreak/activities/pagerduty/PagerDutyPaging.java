package dev.firebreak.activities.pagerduty;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages {@code pagerduty:<service>} targets through one PagerDuty integration. The dedup key is the
 * incident id, so a retried page and every later escalation level re-trigger the same PagerDuty
 * alert (which is how PagerDuty models one incident), and acknowledge and resolve find it.
 */
public final class PagerDutyPaging implements PagingActivities {

  public static final String SCHEME = "pagerduty";

  private static final Logger log = LoggerFactory.getLogger(PagerDutyPaging.class);
  private static final int SUMMARY_MAX = 1024;

  private final PagerDutyClient pagerDuty;

  public PagerDutyPaging(PagerDutyClient pagerDuty) {
    this.pagerDuty = pagerDuty;
  }

  @Override
  public Delivery page(PageRequest request) {
    List<String> services = services(request.targets());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("incident", request.incidentId());
    details.put("escalation_level", String.valueOf(request.levelName()));
    details.put("reason", String.valueOf(request.reason()));
    details.put("targets", String.join(", ", services));
    details.put("page", request.key());
    String summary =
        "[" + request.severity() + "] " + request.incidentId() + ": " + request.title();
    String dedupKey =
        pagerDuty.trigger(
            request.incidentId(),
            new PagerDutyAlert(
                summary.length() > SUMMARY_MAX ? summary.substring(0, SUMMARY_MAX) : summary,
                "firebreak",
                severityOf(request.severity()),
                String.join(",", services),
                details));
    log.info(
        "{} PagerDuty alert triggered for {} (level {}, dedup_key {})",
        request.incidentId(),
        services,
        request.levelName(),
        dedupKey);
    return Delivery.sent(
        "PagerDuty alert triggered for "
            + String.join(", ", services)
            + " (dedup_key "
            + dedupKey
            + ")");
  }

  @Override
  public Delivery acknowledged(PageFollowUp followUp) {
    pagerDuty.acknowledge(followUp.incidentId());
    log.info("{} PagerDuty alert acknowledged (by {})", followUp.incidentId(), followUp.by());
    return Delivery.sent("PagerDuty alert " + followUp.incidentId() + " acknowledged");
  }

  @Override
  public Delivery resolved(PageFollowUp followUp) {
    pagerDuty.resolve(followUp.incidentId());
    log.info("{} PagerDuty alert resolved (by {})", followUp.incidentId(), followUp.by());
    return Delivery.sent("PagerDuty alert " + followUp.incidentId() + " resolved");
  }

  /** The runbook's severities on PagerDuty's scale: P0/P1 wake people, P4 is information. */
  static String severityOf(String severity) {
    return switch (severity) {
      case "P0", "P1" -> "critical";
      case "P2" -> "error";
      case "P3" -> "warning";
      default -> "info";
    };
  }

  private static List<String> services(List<String> targets) {
    return targets.stream().map(t -> t.substring(t.indexOf(':') + 1)).toList();
  }
}
