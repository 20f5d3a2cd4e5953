package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process as {@code ./firebreak dev} wires it: a configured schedule answers at {@code
 * /api/v1/oncall}, and an override goes to the schedule's workflow on the process's own worker.
 */
class OnCallDevModeTest {

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  private static DevApi api;

  @BeforeAll
  static void startDevMode(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(
        config,
        """
        organisation: On-call test
        escalation:
          levels:
            - { name: primary, targets: ["slack:U0ALICE"] }
        services:
          - name: shop
            healthUrl: ${FIREBREAK_DEV_URL}/dev/services/shop/health
        oncall:
          schedules:
            - name: primary
              services: [shop]
              layers:
                - name: Primary
                  turn: daily
                  start: 2026-01-01
                  participants: [{ name: Alice, slackUserId: U0ALICE, phone: "+447700900001" }]
        """);
    api = new DevApi(devMode.start(config, Map.<String, String>of()::get).apiUrl());
  }

  @Test
  void aConfiguredScheduleAnswersAndTakesAnOverrideThroughItsWorkflow() throws Exception {
    JsonNode before = api.call("GET", "/api/v1/oncall", null, 200).path("schedules").get(0);
    assertThat(before.path("person").path("name").asText()).isEqualTo("Alice");

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    api.call(
        "POST",
        "/api/v1/oncall/primary/overrides",
        "{\"slackUserId\":\"U0BOB\",\"name\":\"Bob\",\"from\":\""
            + now
            + "\",\"to\":\""
            + now.plus(Duration.ofHours(1))
            + "\"}",
        201);

    JsonNode after = api.call("GET", "/api/v1/oncall", null, 200).path("schedules").get(0);
    assertThat(after.path("person").path("name").asText()).isEqualTo("Bob");
    assertThat(after.path("source").asText()).isEqualTo("override by dev");
  }
}
