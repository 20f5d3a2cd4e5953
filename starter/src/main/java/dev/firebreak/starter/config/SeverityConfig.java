package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.SeverityPolicy;
import dev.firebreak.workflows.oncall.BusinessHours;
import java.util.List;

/**
 * A severity's response times as written, for example {@code { ackTimeout: 15m, updateInterval:
 * 15m, postMortemDue: 48h, page: true }}. Any field may be left out; it then comes from {@link
 * #runbookDefault}. {@code statusPageImpact} ({@code none|minor|major|critical}) puts the
 * severity's incidents on the public status page with that impact; left out, they stay off it.
 *
 * @param businessHoursOnly page only in {@code oncall.businessHours}: declared outside them, the
 *     channel is told at once and the first page waits for the next business instant (holidays
 *     skipped); false when unset
 */
public record SeverityConfig(
    String ackTimeout,
    String updateInterval,
    String postMortemDue,
    Boolean page,
    String statusPageImpact,
    String policy,
    Boolean businessHoursOnly) {

  /** A severity that pages at any hour. */
  public SeverityConfig(
      String ackTimeout,
      String updateInterval,
      String postMortemDue,
      Boolean page,
      String statusPageImpact,
      String policy) {
    this(ackTimeout, updateInterval, postMortemDue, page, statusPageImpact, policy, null);
  }

  public static final List<String> STATUS_PAGE_IMPACTS =
      List.of("none", "minor", "major", "critical");

  /** A severity that stays off the public status page. */
  public SeverityConfig(
      String ackTimeout, String updateInterval, String postMortemDue, Boolean page) {
    this(ackTimeout, updateInterval, postMortemDue, page, null, null);
  }

  /** A severity paging by the service's policy, or the default one. */
  public SeverityConfig(
      String ackTimeout,
      String updateInterval,
      String postMortemDue,
      Boolean page,
      String statusPageImpact) {
    this(ackTimeout, updateInterval, postMortemDue, page, statusPageImpact, null);
  }

  /**
   * The response times the three runbooks share: P1 "immediate" with updates every 15 minutes and a
   * review within 48 hours, P2 30 minutes, P3 2 hours, P4 next business day. P0 is stricter than P1
   * only in its review deadline. Only P0–P2 page on declaration.
   */
  public static SeverityConfig runbookDefault(Severity severity) {
    return switch (severity) {
      case P0 -> new SeverityConfig("15m", "15m", "24h", true);
      case P1 -> new SeverityConfig("15m", "15m", "48h", true);
      case P2 -> new SeverityConfig("30m", "30m", "5d", true);
      case P3 -> new SeverityConfig("2h", "1h", "7d", false);
      case P4 -> new SeverityConfig("24h", "4h", "14d", false);
    };
  }

  SeverityConfig orElse(SeverityConfig defaults) {
    return new SeverityConfig(
        ackTimeout != null ? ackTimeout : defaults.ackTimeout,
        updateInterval != null ? updateInterval : defaults.updateInterval,
        postMortemDue != null ? postMortemDue : defaults.postMortemDue,
        page != null ? page : defaults.page,
        statusPageImpact != null ? statusPageImpact : defaults.statusPageImpact,
        policy != null ? policy : defaults.policy,
        businessHoursOnly != null ? businessHoursOnly : defaults.businessHoursOnly);
  }

  /**
   * Only for a validated config: every duration parses, and {@code businessHours} is the config's
   * when this severity is business-hours-only.
   */
  SeverityPolicy toPolicy(BusinessHours businessHours) {
    return new SeverityPolicy(
        DurationText.require(ackTimeout),
        DurationText.require(updateInterval),
        DurationText.require(postMortemDue),
        Boolean.TRUE.equals(page),
        statusPageImpact,
        Boolean.TRUE.equals(businessHoursOnly) ? businessHours : null);
  }
}
