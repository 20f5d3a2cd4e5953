package dev.firebreak.workflows.diagnostics;

/**
 * What one playbook probe found. Failing is a result, not an activity failure: a probe that could
 * not be read comes back as not passed, with why.
 *
 * @param critical copied from the probe: whether a failure blocks a resolve
 * @param summary one line: what was read and, when it failed, which expectation did not hold
 */
public record ProbeResult(
    String name, String kind, boolean critical, boolean passed, String summary, boolean dryRun) {}
