package dev.firebreak.workflows.playbook;

import java.time.Instant;

/** One line of an action run's log: what was asked, sent, answered or checked. */
public record ActionRunStep(Instant at, String text) {}
