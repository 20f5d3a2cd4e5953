package dev.firebreak.starter.oncall;

import java.time.Instant;

/**
 * One side of a shift swap: who ({@code slackUserId}, or {@code name} for someone without one) and
 * an instant in the shift they give away.
 */
public record SwapParty(String slackUserId, String name, Instant at) {}
