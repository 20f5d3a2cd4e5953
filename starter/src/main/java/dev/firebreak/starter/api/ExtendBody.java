package dev.firebreak.starter.api;

import java.time.Instant;

/** The body of {@code POST /api/v1/maintenance-windows/{id}/extend}. */
record ExtendBody(Instant until, String reason) {}
