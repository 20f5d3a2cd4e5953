package dev.firebreak.starter.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.PlaybookSpecFactory;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which playbook an incident starts with: by its declaration, or by the alert that opened it. */
class IncidentStartsPlaybookTest {

  private static final FirebreakConfig CONFIG =
      new ConfigLoader()
          .load(
              """
              organisation: Acme
              escalation:
                levels:
                  - { name: primary, targets: ["slack:U012AB3CD"] }
              services:
                - { name: api }
                - { name: web }
              playbooks:
                - { name: checkout-errors, match: { alerts: [HighErrorRate], labels: { job: checkout } } }
                - { name: any-error-rate, match: { alerts: [HighErrorRate] } }
                - { name: web-down, match: { services: [web], words: [down] } }
              """);

  private final IncidentStarts starts =
      new IncidentStarts(new IncidentPolicyFactory(CONFIG, false), new PlaybookSpecFactory(CONFIG));

  private static Declaration declaration(String service, String title) {
    return new Declaration("INC-1", title, Severity.P2, service, null, null, "alice", null);
  }

  private static AlertReceived alert(String title, Map<String, String> labels) {
    return new AlertReceived(
        "alertmanager", "fp", true, title, Severity.P2, null, null, false, labels);
  }

  static Stream<Arguments> alerts() {
    return Stream.of(
        Arguments.of(
            "checkout's error rate",
            alert("Checkout error rate", Map.of("alertname", "HighErrorRate", "job", "checkout")),
            "checkout-errors"),
        Arguments.of(
            "another job's error rate",
            alert("Search error rate", Map.of("alertname", "HighErrorRate", "job", "search")),
            "any-error-rate"),
        Arguments.of(
            "a sender without labels, by title",
            alert("HighErrorRate", Map.of()),
            "any-error-rate"),
        Arguments.of("another alert", alert("DiskFull", Map.of("alertname", "DiskFull")), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void anAlertsIncidentStartsWithTheFirstPlaybookItsNameAndLabelsMatch(
      String why, AlertReceived alert, String playbook) {
    PlaybookSpec matched =
        starts.alertInput(declaration("api", alert.title()), alert).policy().playbook();

    assertThat(matched == null ? null : matched.name()).isEqualTo(playbook);
  }

  @Test
  void aPersonsDeclarationMatchesByServiceAndTitleOrNamesItsPlaybook() {
    PlaybookSpec named = new PlaybookSpecFactory(CONFIG).named("checkout-errors").orElseThrow();

    assertThat(starts.input(declaration("web", "Site down"), null).policy().playbook().name())
        .isEqualTo("web-down");
    assertThat(starts.input(declaration("web", "HighErrorRate"), null).policy().playbook())
        .isNull();
    assertThat(starts.input(declaration("api", "Slow"), named).policy().playbook().name())
        .isEqualTo("checkout-errors");
  }
}
