package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.common.Delivery;
import org.slf4j.Logger;

/**
 * How every dry-run activity reports the call it did not make: one log line and the same text back.
 */
final class DryRunCall {

  private DryRunCall() {}

  /** Logs {@code dry-run: <call>} under the incident id and returns it as a dry-run delivery. */
  static Delivery log(Logger log, String incidentId, String call) {
    String detail = "dry-run: " + call;
    log.info("{} {}", incidentId, detail);
    return Delivery.dryRun(detail);
  }

  /** A value in double quotes on one line, so a multi-line message still makes one log line. */
  static String quote(String text) {
    String escaped =
        text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "\"" + escaped + "\"";
  }
}
