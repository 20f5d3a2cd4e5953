package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;

/** One attempt at a job's HTTP call; {@code dryRun} describes it instead of sending it. */
public record JobCall(String job, HttpAction action, boolean dryRun) {}
