package dev.firebreak.workflows.maintenance;

/**
 * A person's answer to a manual step.
 *
 * @param failed true when the person says the step did not work
 */
public record StepConfirmation(String by, String step, boolean failed, String note) {}
