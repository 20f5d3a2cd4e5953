package dev.firebreak.starter.config;

import java.util.List;

/**
 * One diagnostic of a playbook, run in the assessment next to the services' health checks.
 *
 * @param kind {@code http} (a GET judged by {@code status} and {@code expect}), {@code status-page}
 *     (Statuspage format, or any JSON page judged by {@code expect}), {@code errors} (the service's
 *     Sentry count, failing above {@code maxErrors}) or {@code deploys} (the service's recent
 *     deploys)
 * @param status the HTTP status an {@code http} probe expects; any 2xx when unset
 * @param expect lines such as {@code $.checks.database.status == "pass"} or {@code $.latency < 500}
 * @param critical whether a failure refuses a resolve and reopens during monitoring as a failing
 *     health check does; false when unset, so a probe is reported and never blocks unless it says
 *     so
 * @param timeout how long one attempt may take; 10 s when unset
 */
public record PlaybookProbeConfig(
    String name,
    String kind,
    String url,
    String service,
    Integer status,
    List<String> expect,
    Long maxErrors,
    Boolean critical,
    String timeout) {

  public PlaybookProbeConfig {
    kind = kind == null ? "http" : kind;
    status = status == null ? 0 : status;
    expect = ConfigShape.listOf(expect);
    maxErrors = maxErrors == null ? 0L : maxErrors;
    critical = critical != null && critical;
    timeout = timeout == null ? "10s" : timeout;
  }

  PlaybookProbeConfig withUrl(String expanded) {
    return new PlaybookProbeConfig(
        name, kind, expanded, service, status, expect, maxErrors, critical, timeout);
  }
}
