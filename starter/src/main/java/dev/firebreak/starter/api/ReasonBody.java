package dev.firebreak.starter.api;

/** The body of a command whose only input is why: aborting a window, pausing a heartbeat. */
record ReasonBody(String reason) {}
