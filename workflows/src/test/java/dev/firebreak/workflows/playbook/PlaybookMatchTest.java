package dev.firebreak.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybookMatchTest {

  private static final PlaybookMatch PAYMENTS =
      new PlaybookMatch(
          List.of("PaymentFailures", "StripeWebhookErrors"),
          Map.of("team", "payments", "env", "prod"),
          List.of("web", "api"),
          List.of(Severity.P1, Severity.P2),
          List.of("payment", "checkout failed"));

  private static final Map<String, String> LABELS = Map.of("team", "payments", "env", "prod");

  static Stream<Arguments> incidents() {
    return Stream.of(
        Arguments.of(
            "every criterion holds",
            "web",
            Severity.P1,
            "Payment errors",
            "PaymentFailures",
            LABELS,
            true),
        Arguments.of(
            "any listed alert name holds",
            "api",
            Severity.P2,
            "payment",
            "StripeWebhookErrors",
            LABELS,
            true),
        Arguments.of(
            "extra labels do not matter",
            "web",
            Severity.P1,
            "Payment",
            "PaymentFailures",
            Map.of("team", "payments", "env", "prod", "region", "eu"),
            true),
        Arguments.of(
            "a phrase matches in any case",
            "web",
            Severity.P1,
            "CHECKOUT FAILED for EU",
            "PaymentFailures",
            LABELS,
            true),
        Arguments.of(
            "another alert name",
            "web",
            Severity.P1,
            "Payment errors",
            "HighLatency",
            LABELS,
            false),
        Arguments.of(
            "no alert: a person declared it",
            "web",
            Severity.P1,
            "Payment errors",
            null,
            Map.of(),
            false),
        Arguments.of(
            "one label differs",
            "web",
            Severity.P1,
            "Payment errors",
            "PaymentFailures",
            Map.of("team", "payments", "env", "staging"),
            false),
        Arguments.of(
            "one label is missing",
            "web",
            Severity.P1,
            "Payment errors",
            "PaymentFailures",
            Map.of("team", "payments"),
            false),
        Arguments.of(
            "another service",
            "docs",
            Severity.P1,
            "Payment errors",
            "PaymentFailures",
            LABELS,
            false),
        Arguments.of(
            "another severity",
            "web",
            Severity.P3,
            "Payment errors",
            "PaymentFailures",
            LABELS,
            false),
        Arguments.of(
            "no word of the title",
            "web",
            Severity.P1,
            "Site down",
            "PaymentFailures",
            LABELS,
            false),
        Arguments.of(
            "a word inside another word",
            "web",
            Severity.P1,
            "Prepayments slow",
            "PaymentFailures",
            LABELS,
            false),
        Arguments.of("no title", "web", Severity.P1, null, "PaymentFailures", LABELS, false));
  }

  @ParameterizedTest(name = "{0}: {6}")
  @MethodSource("incidents")
  void aPlaybookAppliesWhenEveryGivenCriterionHolds(
      String why,
      String service,
      Severity severity,
      String title,
      String alertName,
      Map<String, String> labels,
      boolean applies) {
    assertThat(PAYMENTS.matches(service, severity, title, alertName, labels)).isEqualTo(applies);
  }

  static Stream<Arguments> declarations() {
    return Stream.of(
        Arguments.of(new PlaybookMatch(null, null, List.of("web"), null, null), true),
        Arguments.of(new PlaybookMatch(null, null, null, List.of(Severity.P1), null), true),
        Arguments.of(new PlaybookMatch(null, null, null, null, List.of("down")), true),
        Arguments.of(new PlaybookMatch(null, null, List.of("web"), null, List.of("down")), true),
        Arguments.of(new PlaybookMatch(null, null, List.of("api"), null, List.of("down")), false),
        Arguments.of(
            new PlaybookMatch(List.of("SiteDown"), null, List.of("web"), null, null), false),
        Arguments.of(new PlaybookMatch(null, Map.of("team", "web"), null, null, null), false),
        Arguments.of(PlaybookMatch.never(), false));
  }

  @ParameterizedTest
  @MethodSource("declarations")
  void anIncidentDeclaredByAPersonMeetsOnlyCriteriaOnItsDeclaration(
      PlaybookMatch match, boolean applies) {
    assertThat(match.matches("web", Severity.P1, "Site down")).isEqualTo(applies);
  }

  @Test
  void aMatchWithNoCriterionNeverApplies() {
    assertThat(PlaybookMatch.never().matches("web", Severity.P1, "x", "Any", Map.of("a", "b")))
        .isFalse();
  }
}
