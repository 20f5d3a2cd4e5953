package dev.firebreak.activities.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds the human message in a provider's error body, so a failure says what the provider said
 * ("Not authorized") rather than only a status code. Each provider client passes its own. What it
 * returns is a short excerpt with credentials redacted, because it ends up in timelines and chat.
 */
@FunctionalInterface
public interface ErrorMessageReader {

  /** Longest excerpt of an unrecognised body kept in a failure message. */
  int EXCERPT_CHARS = 300;

  /** The message, or null when the body says nothing useful. */
  String read(String body);

  /**
   * Reads the first text found at the given JSON pointers, for example {@code /error/message} for
   * Vercel; a body that is not JSON or has none of them is quoted as an excerpt instead, because an
   * HTML error page from a proxy still tells an operator more than a bare status does.
   */
  static ErrorMessageReader jsonFields(String... pointers) {
    ObjectMapper json = new ObjectMapper();
    return body -> {
      if (body == null || body.isBlank()) {
        return null;
      }
      try {
        JsonNode root = json.readTree(body);
        for (String pointer : pointers) {
          JsonNode found = root.at(pointer);
          if (found.isValueNode() && !found.asText().isBlank()) {
            return Excerpt.ofResponse(found.asText(), EXCERPT_CHARS);
          }
        }
      } catch (JsonProcessingException notJson) {
        // Quoted below.
      }
      return Excerpt.ofResponse(body, EXCERPT_CHARS);
    };
  }

  /** Quotes the start of the body: for endpoints that have no error envelope of their own. */
  static ErrorMessageReader bodyExcerpt() {
    return body -> body == null || body.isBlank() ? null : Excerpt.ofResponse(body, EXCERPT_CHARS);
  }
}
