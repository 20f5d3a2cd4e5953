package dev.firebreak.workflows.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedeliveryBookTest {

  /** Around the limit and far beyond it: a provider's error page can be any length. */
  @ParameterizedTest(name = "{0} characters")
  @ValueSource(
      ints = {
        RedeliveryBook.ERROR_CHARS - 1,
        RedeliveryBook.ERROR_CHARS,
        RedeliveryBook.ERROR_CHARS + 1,
        RedeliveryBook.ERROR_CHARS * 10
      })
  void aSetAsideEventKeepsItsErrorWithinTheLimitEndingInAnEllipsisWhenCut(int length) {
    RedeliveryBook book = RedeliveryBook.start(Instant.parse("2026-11-23T10:00:00Z"));
    String error = "x".repeat(length);

    List<DeadLetter> setAside =
        book.settle(
            List.of("evt_1"),
            new RedeliveryOutcome(
                List.of(), List.of(new DeliveryFailure("evt_1", true, error)), false),
            "not reached",
            5);

    String kept = setAside.get(0).lastError();
    assertThat(kept.length()).isLessThanOrEqualTo(RedeliveryBook.ERROR_CHARS);
    if (length <= RedeliveryBook.ERROR_CHARS) {
      assertThat(kept).isEqualTo(error);
    } else {
      assertThat(kept).endsWith("…").startsWith("x".repeat(RedeliveryBook.ERROR_CHARS - 1));
    }
  }
}
