package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatConfigTest {

  /** ConfigLoaderTest's minimal config: one service, {@code api}. */
  private static final String SERVICES = ConfigLoaderTest.MINIMAL;

  private static List<String> problems(String heartbeats) {
    return new ConfigLoader()
        .check(SERVICES + heartbeats).problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void everyMistakeInAHeartbeatIsReportedAtItsField() {
    assertThat(
            problems(
                """
        heartbeats:
          - name: Bad Name
            period: 30s
            grace: soon
            maxRunTime: never
            service: nope
            severity: P9
            pingToken: literal-uuid
          - { name: both, period: 15m, cron: "*/15 * * * *", pingToken: "${HB_A}" }
          - { name: neither, pingToken: "${HB_A}" }
          - { name: cron, cron: "0 25 * * *", timeZone: Mars/Olympus }
          - { name: cron, cron: "0 2 * * *", pingToken: "${HB_B}" }
        """))
        .containsExactlyInAnyOrder(
            "heartbeats[0].name: must be lower-case letters, digits and dashes, like webhook-retry",
            "heartbeats[0].period: must be at least 1m, not '30s'",
            "heartbeats[0].grace: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'soon'",
            "heartbeats[0].maxRunTime: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'never'",
            "heartbeats[0].service: no service named 'nope' in services",
            "heartbeats[0].severity: unknown severity 'P9' (known: P0, P1, P2, P3, P4)",
            "heartbeats[0].pingToken: secrets must be ${ENV} references, not literal values",
            "heartbeats[1].period: give period or cron, not both",
            "heartbeats[2].period: is required (how often a ping is expected, such as 15m), or give cron instead",
            "heartbeats[2].pingToken: duplicate ping token '${HB_A}' (also heartbeats[1])",
            "heartbeats[3].cron: '25' is not a valid hour in '0 25 * * *' (0-23, *, ranges a-b, steps /n and lists a,b)",
            "heartbeats[3].timeZone: unknown time zone 'Mars/Olympus' (use an IANA name such as UTC or Europe/London)",
            "heartbeats[3].pingToken: is required: a ${ENV} reference to the secret in the ping URL (a UUID, say), unless heartbeatPingKey is set",
            "heartbeats[4].name: duplicate heartbeat name 'cron' (also heartbeats[3])");
  }

  @Test
  void withAProjectPingKeyHeartbeatsNeedNoTokenAndEverySlugIsValidAndTheirsAlone() {
    assertThat(
            problems(
                """
        heartbeatPingKey: "${HB_PING_KEY}"
        heartbeats:
          - { name: webhook-retry, period: 15m }
          - { name: data-purge, period: 1d, slug: webhook-retry }
          - { name: upper, period: 1d, slug: Upper }
          - { name: dotted, period: 1d, slug: "a.b" }
          - { name: empty, period: 1d, slug: "" }
          - { name: key-as-token, period: 1d, pingToken: "${HB_PING_KEY}" }
          - { name: underscore, period: 1d, slug: data_purge_2 }
        """))
        .containsExactlyInAnyOrder(
            "heartbeats[1].slug: duplicate slug 'webhook-retry' (also heartbeats[0])",
            "heartbeats[2].slug: must be lower-case letters, digits, dashes and underscores, like webhook_retry",
            "heartbeats[3].slug: must be lower-case letters, digits, dashes and underscores, like webhook_retry",
            "heartbeats[4].slug: must be lower-case letters, digits, dashes and underscores, like webhook_retry",
            "heartbeats[5].pingToken: must differ from heartbeatPingKey");
    assertThat(problems("heartbeatPingKey: literal-key\n"))
        .containsExactly("heartbeatPingKey: secrets must be ${ENV} references, not literal values");
  }

  @Test
  void aHeartbeatTakesTheRunbookDefaultsAndTheServicesIncidentPolicy() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                SERVICES
                    + """
        heartbeats:
          - { name: webhook-retry, period: 15m, pingToken: "${HB_WEBHOOK_RETRY}" }
          - { name: data-purge, cron: "0 3 * * 0", timeZone: Europe/London, grace: 1h, maxRunTime: 30m, severity: P3, pingToken: "${HB_DATA_PURGE}" }
        """);
    List<HeartbeatSpec> specs =
        new HeartbeatSpecFactory(config, new IncidentPolicyFactory(config, false)).specs();

    HeartbeatSpec retry = specs.get(0);
    assertThat(retry.period()).isEqualTo(Duration.ofMinutes(15));
    assertThat(retry.grace()).isEqualTo(Duration.ofMinutes(5));
    assertThat(retry.severity()).isEqualTo(Severity.P2);
    assertThat(retry.maxRunTime()).isNull();
    assertThat(retry.service()).isEqualTo(config.services().get(0).name());
    HeartbeatSpec purge = specs.get(1);
    assertThat(purge.cron()).isEqualTo("0 3 * * 0");
    assertThat(purge.timeZone()).isEqualTo("Europe/London");
    assertThat(purge.maxRunTime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(purge.severity()).isEqualTo(Severity.P3);
  }
}
