package dev.firebreak.starter.config;

/**
 * One thing wrong with a config, at the exact field: {@code severities.P1.ackTimeout: must be a
 * duration like 15m}.
 */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
