package dev.firebreak.activities.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.diagnostics.JsonExpectation;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a JSON answer by a probe's expectations, reading each path with Jayway JsonPath (on
 * Jackson's tree, so numbers and strings compare as the answer wrote them). A path the answer lacks
 * fails whatever the operator: a probe that expects {@code $.checks.database.status} of a body
 * without it has learnt nothing good. A path that selects several values (a wildcard or a filter)
 * holds when it selects at least one and every one holds.
 */
final class JsonExpectationCheck {

  private static final int QUOTED_CHARS = 60;

  private final ObjectMapper json = new ObjectMapper();
  private final Configuration paths =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(json))
          .mappingProvider(new JacksonMappingProvider(json))
          .build();

  /** Why the body fails the expectations, one sentence each; empty when every one holds. */
  List<String> failures(String body, List<String> expectations) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException notJson) {
      return List.of("the body is not JSON (\"" + Clip.of(body.strip(), QUOTED_CHARS) + "\")");
    }
    if (root == null || root.isMissingNode()) {
      return List.of("the body is empty");
    }
    List<String> failures = new ArrayList<>();
    for (String line : expectations) {
      JsonExpectation expectation =
          JsonExpectation.parse(line)
              .orElseThrow(() -> new IllegalArgumentException("not an expectation: " + line));
      String failure = failure(expectation, root);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  /** Why the expectation does not hold of the document, or null when it does. */
  String failure(JsonExpectation expectation, JsonNode root) {
    JsonNode found;
    try {
      JsonPath path = JsonPath.compile(expectation.path());
      found = path.read(root, paths);
      if (!path.isDefinite()) {
        if (found == null || found.isEmpty()) {
          return expectation.path() + " selects nothing (expected " + expectation + ")";
        }
        for (JsonNode value : found) {
          String failure = compare(expectation, value);
          if (failure != null) {
            return failure;
          }
        }
        return null;
      }
    } catch (PathNotFoundException missing) {
      return expectation.path() + " is missing (expected " + expectation + ")";
    } catch (InvalidPathException invalid) {
      return expectation.path() + " is not a JSONPath: " + invalid.getMessage();
    }
    return compare(expectation, found == null ? json.nullNode() : found);
  }

  private String compare(JsonExpectation expectation, JsonNode actual) {
    JsonNode expected;
    try {
      expected = json.readTree(expectation.expected());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON value: " + expectation.expected(), e);
    }
    boolean holds =
        switch (expectation.operator()) {
          case "==" -> same(actual, expected);
          case "!=" -> !same(actual, expected);
          default -> {
            if (!actual.isNumber()) {
              yield false;
            }
            int order = actual.decimalValue().compareTo(expected.decimalValue());
            yield switch (expectation.operator()) {
              case "<" -> order < 0;
              case "<=" -> order <= 0;
              case ">" -> order > 0;
              default -> order >= 0;
            };
          }
        };
    return holds
        ? null
        : expectation.path()
            + " is "
            + Clip.of(actual.toString(), QUOTED_CHARS)
            + " (expected "
            + expectation
            + ")";
  }

  /** JSON equality, with numbers equal by value: 500 is 500.0. */
  private static boolean same(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return actual.equals(expected);
  }
}
