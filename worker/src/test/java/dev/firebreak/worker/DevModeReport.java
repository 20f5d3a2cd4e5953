package dev.firebreak.worker;

/**
 * What dev mode logged and what its fakes received, attached to a failing end-to-end test's error
 * (as a suppressed exception) so the build's failure output explains itself. Its message is the
 * report; a stack trace would only say where the extension built it.
 */
final class DevModeReport extends Exception {
  private static final long serialVersionUID = 1L;

  DevModeReport(String report) {
    super(report, null, false, false);
  }
}
