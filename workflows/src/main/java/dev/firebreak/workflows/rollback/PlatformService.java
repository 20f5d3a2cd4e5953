package dev.firebreak.workflows.rollback;

/** A service as its hosting platform knows it. */
public record PlatformService(String service, String platform, String platformId) {}
