package dev.firebreak.starter.config;

import java.util.regex.Pattern;

/**
 * A heartbeat (dead-man's switch): a job that runs elsewhere (Vercel Cron, a Kubernetes CronJob, a
 * crontab) pings {@code /ping/<token>} when it has run, and a missing ping declares an incident.
 *
 * @param period how often a ping is expected ({@code 15m}); exactly one of {@code period} and
 *     {@code cron}
 * @param cron a 5-field cron expression read in {@code timeZone}: the ping is expected at the next
 *     fire after the last one
 * @param grace how long the heartbeat is late before it is down; 5m when unset
 * @param service the service its incidents are declared on; the first service when unset
 * @param severity the severity of those incidents; P2 when unset
 * @param maxRunTime how long a {@code /start} may go without its finish before the run is late;
 *     runs are not timed when unset
 * @param pingToken the secret in the ping URL, always a {@code ${ENV}} reference (a UUID, say);
 *     optional when the config has a {@code heartbeatPingKey}
 * @param slug the heartbeat's part of {@code /ping/<heartbeatPingKey>/<slug>}; its name when unset
 */
public record HeartbeatConfig(
    String name,
    String period,
    String cron,
    String timeZone,
    String grace,
    String service,
    String severity,
    String maxRunTime,
    @Secret String pingToken,
    String slug) {

  /** Healthchecks.io's slug characters; its slug URLs refuse anything else (upper case too). */
  public static final Pattern SLUG = Pattern.compile("^[a-z0-9-_]+$");

  public HeartbeatConfig {
    timeZone = timeZone == null ? JobConfig.DEFAULT_TIME_ZONE : timeZone;
    grace = grace == null ? "5m" : grace;
    severity = severity == null ? "P2" : severity;
  }

  /** The slug that pings it by {@code /ping/<heartbeatPingKey>/<slug>}. */
  public String effectiveSlug() {
    return slug == null ? name : slug;
  }
}
