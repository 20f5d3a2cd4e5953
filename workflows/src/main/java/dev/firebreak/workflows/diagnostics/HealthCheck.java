package dev.firebreak.workflows.diagnostics;

import java.time.Duration;

public record HealthCheck(String service, String url, Duration timeout) {}
