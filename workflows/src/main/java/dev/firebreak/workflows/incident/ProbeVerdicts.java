package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import java.time.Instant;

/**
 * What a playbook probe read by the assessment's own activities (error counts, deploys) found, and
 * what a probe that could not answer reports instead. Pure, so it is safe in workflow code.
 */
final class ProbeVerdicts {

  private ProbeVerdicts() {}

  /** Passes at {@code maxErrors} or fewer errors; a count that could not be read fails. */
  static ProbeResult ofErrors(Probe probe, ErrorCount count) {
    String line = Assessment.describe(count);
    if (count.dryRun()) {
      return new ProbeResult(probe.name(), probe.kind(), probe.critical(), true, line, true);
    }
    boolean passed = count.errors() >= 0 && count.errors() <= probe.maxErrors();
    return new ProbeResult(
        probe.name(),
        probe.kind(),
        probe.critical(),
        passed,
        line + (passed || count.errors() < 0 ? "" : " (more than " + probe.maxErrors() + ")"),
        false);
  }

  /** Deploys are reported, never failed: a fresh deploy is a lead, and the assessment says so. */
  static ProbeResult ofDeploys(Probe probe, DeployHistory history, Instant since) {
    return new ProbeResult(
        probe.name(),
        probe.kind(),
        probe.critical(),
        true,
        Assessment.describeDeploys(history, since),
        history.dryRun());
  }

  static ProbeResult couldNotProbe(Probe probe, String why) {
    return new ProbeResult(
        probe.name(), probe.kind(), probe.critical(), false, "could not probe: " + why, false);
  }
}
