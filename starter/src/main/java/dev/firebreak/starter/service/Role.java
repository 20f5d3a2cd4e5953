package dev.firebreak.starter.service;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What an API token may do; each role includes the ones before it. */
public enum Role implements RouteRole {
  VIEWER,
  RESPONDER,
  ADMIN;

  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a role as written in firebreak.yaml ({@code viewer}, {@code responder}, {@code admin}).
   */
  public static Role of(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
