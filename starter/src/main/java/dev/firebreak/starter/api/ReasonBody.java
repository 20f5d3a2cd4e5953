package dev.firebreak.starter.api;

/** The body of a command whose only input is why: aborting a window, running or pausing a job. */
record ReasonBody(String reason) {}
