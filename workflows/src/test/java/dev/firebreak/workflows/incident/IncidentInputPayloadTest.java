package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workflow's input and continue-as-new payload load in today's shape and in the flat one older
 * code wrote.
 */
class IncidentInputPayloadTest {

  private final DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;

  @Test
  void aRunContinuedByOlderCodeResumesWithEverythingItHadBeenThrough() throws Exception {
    String json =
        Files.readString(
            Path.of("src/test/resources/histories/continued-run.json"), StandardCharsets.UTF_8);
    Payloads payload =
        WorkflowExecutionHistory.fromJson(json)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();

    IncidentProgress resumed =
        converter
            .fromPayloads(0, Optional.of(payload), IncidentInput.class, IncidentInput.class)
            .resumed();

    assertThat(resumed.lifecycle().status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(resumed.lifecycle().acknowledgedBy()).isEqualTo("bob");
    assertThat(resumed.lifecycle().mitigations())
        .extracting(Mitigation::action)
        .containsExactly("Rolled back");
    assertThat(resumed.escalation())
        .extracting(Escalation.State::level, Escalation.State::round)
        .containsExactly(1, 1);
    assertThat(resumed.updates().posted()).isEqualTo(8);
    assertThat(resumed.assessment().assessed()).isTrue();
    assertThat(resumed.monitoring().nextCheckAt()).isNotNull();
    assertThat(resumed.postMortem().input().preventionTasks()).containsExactly("Canary deploys");
    assertThat(resumed.chat().incidentMessage().channel()).isEqualTo("C0ROOM0001");
    assertThat(resumed.chat().messageCounter()).isEqualTo(14);
    assertThat(resumed.publicPage().status()).isEqualTo("monitoring");
    assertThat(resumed.alerts().firings()).isEqualTo(1);
    assertThat(resumed.timeline()).hasSize(29);
  }

  @Test
  void todaysPayloadRoundTripsStepByStep() {
    Declaration declaration =
        new Declaration(
            "INC-1",
            "Checkout returns 500",
            Severity.P1,
            "recoup-backend",
            null,
            null,
            "alice",
            Instant.parse("2026-03-02T10:00:00Z"));
    Incident incident = Incident.declare(declaration, Instant.parse("2026-03-02T10:00:00Z"));
    incident.lifecycle =
        incident.lifecycle.acknowledged("bob", Instant.parse("2026-03-02T10:04:00Z"));
    IncidentInput input =
        new IncidentInput(declaration, IncidentPolicies.recoup(), incident.progress());

    IncidentInput loaded =
        converter.fromPayloads(
            0, converter.toPayloads(input), IncidentInput.class, IncidentInput.class);

    assertThat(loaded.resumed()).isEqualTo(incident.progress());
    assertThat(loaded.progress()).isNull();
    assertThat(IncidentInput.declared(declaration, IncidentPolicies.recoup()).resumed()).isNull();
  }

  /**
   * The step records' withers and helpers are methods too: none may add a property to the payload,
   * or a run continued by this code would carry a shape older code cannot read.
   */
  @ParameterizedTest(name = "{0} carries its record components and nothing else")
  @MethodSource("stepRecords")
  void eachStepRecordIsCarriedAsItsComponentsOnly(String component) throws Exception {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.lifecycle =
        incident.lifecycle.acknowledged("bob", Instant.parse("2026-03-02T10:04:00Z"));
    new Monitoring(IncidentPolicies.recoup())
        .start(incident, Instant.parse("2026-03-02T10:30:00Z"));
    incident.recordAlert(
        Instant.parse("2026-03-02T10:31:00Z"),
        new AlertReceived("grafana", "fp-1", true, "5xx rate", Severity.P1, null, "{}", false));
    IncidentProgress progress = incident.progress();
    JsonNode json =
        new ObjectMapper()
            .readTree(converter.toPayloads(progress).get().getPayloads(0).getData().toByteArray());

    RecordComponent carried =
        Arrays.stream(IncidentProgress.class.getRecordComponents())
            .filter(c -> c.getName().equals(component))
            .findFirst()
            .orElseThrow();
    List<String> names = new ArrayList<>();
    json.get(component).fieldNames().forEachRemaining(names::add);

    assertThat(names)
        .isSubsetOf(
            Arrays.stream(carried.getType().getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
  }

  static Stream<String> stepRecords() {
    return Arrays.stream(IncidentProgress.class.getRecordComponents())
        .filter(c -> c.getType().isRecord())
        .map(RecordComponent::getName);
  }
}
