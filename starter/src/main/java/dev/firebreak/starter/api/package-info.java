/**
 * The HTTP API and nothing else: routes, JSON bodies, Idempotency-Key bodies, error pages and the
 * status each {@link dev.firebreak.starter.service.Refusal} is answered with. What a route does is
 * a service's ({@code starter.incidents}, {@code starter.maintenance}, {@code starter.rollbacks},
 * {@code starter.jobs}), shared with Slack and the alert intake.
 */
package dev.firebreak.starter.api;
