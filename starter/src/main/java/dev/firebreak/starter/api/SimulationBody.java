package dev.firebreak.starter.api;

/**
 * {@code POST /api/v1/simulations}: a severity ({@code P1}), a configured service, when it is
 * declared ({@code 2026-12-25T03:00 Europe/London}, or ISO-8601 with an offset) and, optionally,
 * how long until someone acknowledges ({@code 20m}).
 */
record SimulationBody(String severity, String service, String at, String ackAfter) {}
