package dev.firebreak.starter.heartbeats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.firebreak.workflows.heartbeat.HeartbeatView;
import java.time.Instant;

/**
 * A heartbeat as {@code GET /api/v1/heartbeats[/{name}]} shows it: the workflow's view, flattened,
 * plus what this API process absorbed since its last signal ({@code absorbedPings}, the latest at
 * {@code lastAbsorbedPingAt}), and {@code unread}: null for a complete row, otherwise why only the
 * configuration is shown.
 */
public record HeartbeatRow(
    @JsonUnwrapped HeartbeatView heartbeat,
    int absorbedPings,
    Instant lastAbsorbedPingAt,
    String unread) {}
