package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMessageReaderTest {

  private final ErrorMessageReader statuspage = ErrorMessageReader.jsonFields("/message", "/error");

  @Test
  void readsTheFirstPointerThatHoldsText() {
    assertThat(statuspage.read("{\"message\":\"Page not found\"}")).isEqualTo("Page not found");
    assertThat(statuspage.read("{\"error\":\"Unauthorized\"}")).isEqualTo("Unauthorized");
  }

  @Test
  void readsNestedEnvelopes() {
    assertThat(
            ErrorMessageReader.jsonFields("/error/message")
                .read("{\"error\":{\"code\":\"not_found\",\"message\":\"Project not found\"}}"))
        .isEqualTo("Project not found");
  }

  @Test
  void quotesABodyWithoutTheEnvelopeOnOneLine() {
    assertThat(statuspage.read("<html>\n  <h1>502 Bad Gateway</h1>\n</html>"))
        .isEqualTo("<html> <h1>502 Bad Gateway</h1> </html>");
    assertThat(statuspage.read("{\"other\":1}")).isEqualTo("{\"other\":1}");
  }

  @Test
  void emptyBodySaysNothing() {
    assertThat(statuspage.read("")).isNull();
    assertThat(ErrorMessageReader.bodyExcerpt().read(" ")).isNull();
  }

  @Test
  void longBodiesAreCutWithAMarker() {
    String quoted = ErrorMessageReader.bodyExcerpt().read("x".repeat(1000));

    assertThat(quoted)
        .startsWith("x".repeat(ErrorMessageReader.EXCERPT_CHARS))
        .endsWith("… (700 more chars)");
  }
}
