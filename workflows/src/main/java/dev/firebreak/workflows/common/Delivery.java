package dev.firebreak.workflows.common;

/**
 * What a side-effecting activity did. A dry-run implementation returns {@code dryRun=true} and the
 * exact call it would have made in {@code detail}, so the workflow can show it in the timeline.
 */
public record Delivery(boolean dryRun, String detail) {
  public static Delivery sent(String detail) {
    return new Delivery(false, detail);
  }

  public static Delivery dryRun(String wouldCall) {
    return new Delivery(true, wouldCall);
  }
}
