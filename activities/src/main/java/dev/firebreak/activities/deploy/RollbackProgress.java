package dev.firebreak.activities.deploy;

/** Where a platform says a rollback is, with its own words in {@code detail}. */
public record RollbackProgress(Phase phase, String detail) {

  public enum Phase {
    PENDING,
    LIVE,
    FAILED
  }

  static RollbackProgress pending(String detail) {
    return new RollbackProgress(Phase.PENDING, detail);
  }

  static RollbackProgress live(String detail) {
    return new RollbackProgress(Phase.LIVE, detail);
  }

  static RollbackProgress failed(String detail) {
    return new RollbackProgress(Phase.FAILED, detail);
  }
}
