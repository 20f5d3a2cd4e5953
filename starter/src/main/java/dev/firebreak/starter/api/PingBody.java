package dev.firebreak.starter.api;

/**
 * The body of {@code POST /api/v1/heartbeats/{name}/ping}, all optional: a success when empty.
 *
 * @param kind {@code success}, {@code start}, {@code fail} or {@code log}
 * @param exitStatus 0 is a success, 1–255 a failure
 * @param rid pairs a start with its finish
 * @param body the job's output, kept as a token ping's body is
 */
record PingBody(String kind, Integer exitStatus, String rid, String body) {}
