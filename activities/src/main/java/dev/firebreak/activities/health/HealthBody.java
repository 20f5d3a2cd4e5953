package dev.firebreak.activities.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a health endpoint's JSON says about itself, read leniently because there is no single
 * standard. Accepted shapes: a top-level {@code status} (string or boolean), and sub-checks under
 * {@code checks}, {@code services}, {@code components} (Spring Boot) or {@code dependencies}, whose
 * values are a word ({@code "database":"ok"}), a boolean ({@code "stripe":false}), an object with a
 * {@code status}, or an array of such objects (IETF health+json, where each key maps to a list of
 * measurements). A top-level array of named objects is accepted under the same keys.
 *
 * <p>A sub-check fails only on a word that means broken ({@link #FAILING}). {@code degraded},
 * {@code warn} and anything unrecognised are kept as warnings instead: the service still answers,
 * the IETF format maps {@code warn} to a 2xx, and blocking a resolve on a slow cache would keep
 * incidents open for something the service itself decided to tolerate.
 *
 * @param status the top-level status as written, null when absent
 * @param statusHealthy the top-level status is absent or one of {@link #HEALTHY}
 * @param failingChecks {@code name=word} for each failing sub-check
 * @param warnings {@code name=word} for each sub-check that neither passes nor fails
 */
public record HealthBody(
    String status, boolean statusHealthy, List<String> failingChecks, List<String> warnings) {

  static final Set<String> HEALTHY = Set.of("ok", "pass", "passed", "up", "healthy", "true");
  static final Set<String> FAILING =
      Set.of(
          "fail",
          "failed",
          "failing",
          "failure",
          "down",
          "error",
          "unhealthy",
          "critical",
          "out_of_service",
          "false");
  private static final List<String> CHECK_CONTAINERS =
      List.of("checks", "services", "components", "dependencies");

  public static HealthBody of(JsonNode root) {
    String status = root.isObject() ? wordOf(root.get("status")) : null;
    List<String> failing = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String container : CHECK_CONTAINERS) {
      JsonNode checks = root.path(container);
      if (checks.isObject()) {
        for (Map.Entry<String, JsonNode> check : checks.properties()) {
          judge(check.getKey(), check.getValue(), failing, warnings);
        }
      } else if (checks.isArray()) {
        for (JsonNode check : checks) {
          judge(nameOf(check), check, failing, warnings);
        }
      }
    }
    boolean statusHealthy = status == null || HEALTHY.contains(status);
    return new HealthBody(status, statusHealthy, List.copyOf(failing), List.copyOf(warnings));
  }

  /**
   * What the body says of the service: its status is healthy (or absent) and no sub-check failed.
   */
  public boolean healthy() {
    return statusHealthy && failingChecks.isEmpty();
  }

  private static void judge(
      String name, JsonNode value, List<String> failing, List<String> warnings) {
    if (value.isArray()) {
      // IETF health+json: one key, several measurements; the worst one speaks for the check.
      String worst = null;
      for (JsonNode measurement : value) {
        String word = wordOf(measurement.isObject() ? measurement.get("status") : measurement);
        if (word != null && (worst == null || rank(word) > rank(worst))) {
          worst = word;
        }
      }
      classify(name, worst, failing, warnings);
    } else {
      classify(name, wordOf(value.isObject() ? value.get("status") : value), failing, warnings);
    }
  }

  private static void classify(
      String name, String word, List<String> failing, List<String> warnings) {
    if (word == null || HEALTHY.contains(word)) {
      return;
    }
    (FAILING.contains(word) ? failing : warnings).add(name + "=" + word);
  }

  private static int rank(String word) {
    if (FAILING.contains(word)) {
      return 2;
    }
    return HEALTHY.contains(word) ? 0 : 1;
  }

  private static String nameOf(JsonNode check) {
    for (String field : List.of("name", "componentId", "component", "id")) {
      if (check.path(field).isTextual()) {
        return check.get(field).asText();
      }
    }
    return "check";
  }

  /** A status as a lower-case word; booleans become "true"/"false"; anything else is no status. */
  private static String wordOf(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isBoolean())) {
      return null;
    }
    return node.asText().trim().toLowerCase(Locale.ROOT);
  }
}
