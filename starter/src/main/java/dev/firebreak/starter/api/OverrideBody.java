package dev.firebreak.starter.api;

import java.time.Instant;

/**
 * {@code POST /api/v1/oncall/{schedule}/overrides}: who is on call ({@code slackUserId}, or {@code
 * name} for someone without one) from {@code from} to {@code to}.
 */
record OverrideBody(String slackUserId, String name, Instant from, Instant to) {}
