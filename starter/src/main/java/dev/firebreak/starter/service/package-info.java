/**
 * What every way into Firebreak shares, whatever it serves: who is calling ({@link
 * dev.firebreak.starter.service.Role}, {@link dev.firebreak.starter.service.ApiTokens}), how a
 * refusal is said ({@link dev.firebreak.starter.service.Refusal}, {@link
 * dev.firebreak.starter.service.TemporalFailures}), the time limits on Temporal calls ({@link
 * dev.firebreak.starter.service.TemporalDeadlines}) and the ids handed out.
 *
 * <p>The service layer is split by what it serves rather than by who calls it: {@code incidents},
 * {@code maintenance}, {@code rollbacks} and {@code jobs} hold the services, this package what they
 * share. The callers ({@code api} for HTTP, {@code slack}, {@code alerts}, {@code cli}) depend on
 * the services and never on each other, so {@code api} keeps HTTP only (routes, JSON bodies, error
 * pages, the status of a refusal). {@link dev.firebreak.starter.service.Role} is a Javalin route
 * role because the API's routes are guarded by it; Slack reads the same roles.
 */
package dev.firebreak.starter.service;
