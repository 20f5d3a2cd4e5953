package dev.firebreak.workflows.incident;

/**
 * One alert delivery for the incident its fingerprint belongs to, already mapped by the intake's
 * rules. Fire-and-forget, so it travels as a signal.
 *
 * @param source who sent it ({@code alertmanager}, {@code grafana}, {@code sentry}, {@code
 *     generic})
 * @param firing false when the sender says the alert resolved
 * @param severity what the rules made of it; the severity of the incident the first firing opens
 * @param detail the alert's own description or summary, may be null
 * @param payload an excerpt of the alert as received, kept as the latest payload
 * @param autoResolve whether the config lets this alert's resolution resolve the incident
 */
public record AlertReceived(
    String source,
    String fingerprint,
    boolean firing,
    String title,
    Severity severity,
    String detail,
    String payload,
    boolean autoResolve) {}
