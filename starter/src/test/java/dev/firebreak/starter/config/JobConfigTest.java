package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobAction;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.playbook.ParameterSpec;
import dev.firebreak.workflows.playbook.ParameterType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {

  /** ConfigLoaderTest's minimal config: one service, {@code api}. */
  private static final String SERVICES = ConfigLoaderTest.MINIMAL;

  private static List<String> problems(String jobs) {
    return new ConfigLoader()
        .check(SERVICES + jobs).problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theDemoConfigCarriesTheRunbooksJobsDryRunUntilTheirSecretsAreSet() {
    FirebreakConfig demo =
        new ConfigLoader(Map.of(ConfigLoader.DEV_URL_VARIABLE, "http://127.0.0.1:8080")).loadDemo();
    List<JobSpec> specs =
        new JobSpecFactory(demo, new IncidentPolicyFactory(demo, false), name -> null).specs();

    assertThat(specs)
        .extracting(JobSpec::name)
        .contains(
            "collections-escalator",
            "payment-verification",
            "webhook-retry",
            "analytics-aggregation",
            "invoice-reminders",
            "weekly-reminders",
            "data-purge");
    assertThat(specs).filteredOn(s -> !s.action().runsAsChild()).allMatch(JobSpec::dryRun);
    JobSpec payments =
        specs.stream()
            .filter(s -> s.name().equals("payment-verification"))
            .findFirst()
            .orElseThrow();
    assertThat(payments.cron()).isEqualTo("0 2 * * *");
    assertThat(payments.timeZone()).isEqualTo("UTC");
    assertThat(payments.alerts().severity()).isEqualTo(Severity.P1);
    assertThat(payments.alerts().warnAfter()).isEqualTo(1);
    assertThat(payments.alerts().incidentAfter()).isEqualTo(3);
    assertThat(payments.retry().maximumAttempts()).isEqualTo(3);
    assertThat(payments.action().http().headers())
        .containsEntry("Authorization", "Bearer ${RECOUP_CRON_SECRET}");
    assertThat(
            specs.stream()
                .filter(s -> s.name().equals("webhook-retry"))
                .findFirst()
                .orElseThrow()
                .action())
        .isEqualTo(
            JobAction.webhookRetry(
                Map.of(
                    "provider",
                    "stripe",
                    "endpointUrl",
                    "https://app.recoup.com/api/webhooks/stripe",
                    "signingSecret",
                    "${STRIPE_WEBHOOK_SECRET}",
                    "ratePerSecond",
                    "10")));
  }

  @Test
  void aJobGoesLiveWhenEveryVariableItsCallReferencesIsSet() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                SERVICES
                    + """
        jobs:
          - { name: purge, schedule: "0 4 * * SUN", timeout: 2m, action: { url: "https://app.test/api/cron/purge?secret=${CRON_SECRET}" } }
        """);
    JobSpecFactory live =
        new JobSpecFactory(
            config, new IncidentPolicyFactory(config, false), Map.of("CRON_SECRET", "s3cret")::get);
    JobSpecFactory dry =
        new JobSpecFactory(config, new IncidentPolicyFactory(config, false), name -> null);

    assertThat(live.specs().get(0).dryRun()).isFalse();
    assertThat(live.specs().get(0).timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(live.specs().get(0).alerts().service()).isEqualTo("api");
    assertThat(dry.specs().get(0).dryRun()).isTrue();
    assertThat(dry.missingVariables(config.jobs().get(0))).containsExactly("CRON_SECRET");
  }

  @Test
  void everyMistakeInAJobIsReportedAtItsField() {
    assertThat(
            problems(
                """
        jobs:
          - name: Bad Name
            schedule: "0 25 * * *"
            timeZone: Mars/Olympus
            service: nope
            action: { kind: http, method: FETCH, url: "ftp://x", headers: { Authorization: "Bearer literal" } }
            timeout: soon
            retry: { backoffCoefficient: 0.5, maximumAttempts: 0, initialInterval: later }
            warnAfter: 4
            incidentAfter: 2
            severity: P9
          - { name: ok, schedule: "every day", action: { kind: teleport } }
          - { name: ok, schedule: "*/15 * * * *", action: { kind: webhook-retry, url: "https://x.test" } }
          - { name: missing-url, schedule: "0 2 * * *" }
        """))
        .containsExactlyInAnyOrder(
            "jobs[0].name: must be lower-case letters, digits and dashes, like payment-verification",
            "jobs[0].schedule: '25' is not a valid hour in '0 25 * * *' (0-23, *, ranges a-b, steps /n and lists a,b)",
            "jobs[0].timeZone: unknown time zone 'Mars/Olympus' (use an IANA name such as UTC or Europe/London)",
            "jobs[0].service: no service named 'nope' in services",
            "jobs[0].action.url: must be an http(s) URL, not 'ftp://x'",
            "jobs[0].action.method: unknown method 'FETCH' (known: GET, POST, PUT, PATCH, DELETE)",
            "jobs[0].action.headers.Authorization: secrets must be ${ENV} references, not literal values",
            "jobs[0].timeout: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'soon'",
            "jobs[0].retry.initialInterval: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'later'",
            "jobs[0].retry.backoffCoefficient: must be at least 1 (1 retries at a steady pace)",
            "jobs[0].retry.maximumAttempts: must be at least 1",
            "jobs[0].incidentAfter: must not come before the warning (warnAfter is 4)",
            "jobs[0].severity: unknown severity 'P9' (known: P0, P1, P2, P3, P4)",
            "jobs[1].schedule: must be a cron expression of 5 fields (minute hour day-of-month month day-of-week) such as '0 2 * * *', not 'every day'",
            "jobs[1].action.kind: unknown kind 'teleport' (known: http, webhook-retry)",
            "jobs[2].name: duplicate job name 'ok' (also jobs[1])",
            "jobs[2].action.url: is not used by the built-in webhook-retry job; remove it",
            "jobs[3].action.url: is required (the application's cron endpoint)");
  }

  @Test
  void aJobsParametersBecomeItsSpecAndAWellFormedOneHasNoProblems() {
    String jobs =
        """
        jobs:
          - name: collections-sync
            schedule: "0 3 * * *"
            action: { url: "https://app.test/api/cron/collections?since={{since}}", headers: { X-Batch: "{{ batch }}" }, body: '{"n":"{{since}}"}' }
            parameters:
              - { name: since, pattern: "[0-9]+[hd]", defaultValue: 24h }
              - { name: batch, type: integer, min: 1, max: 500, defaultValue: "100" }
        """;
    FirebreakConfig config = new ConfigLoader().load(SERVICES + jobs);
    JobSpec spec =
        new JobSpecFactory(config, new IncidentPolicyFactory(config, false), name -> null)
            .specs()
            .get(0);

    assertThat(problems(jobs)).isEmpty();
    assertThat(spec.parameters())
        .containsExactly(
            new ParameterSpec(
                "since", ParameterType.STRING, false, "[0-9]+[hd]", null, null, "24h", null),
            new ParameterSpec("batch", ParameterType.INTEGER, false, null, 1L, 500L, "100", null));
  }

  @Test
  void everyMistakeInAJobsParametersIsReportedAtItsField() {
    assertThat(
            problems(
                """
        jobs:
          - name: sync
            schedule: "0 3 * * *"
            action: { url: "https://app.test/sync?since={{since}}&x={{nope}}", headers: { X-A: "{{other}}" }, body: "{{body}}" }
            parameters:
              - { name: since }
              - { name: since, defaultValue: a }
              - { name: 9lives, defaultValue: a }
              - { name: batch, type: integer, min: 1, max: 5, defaultValue: "9" }
          - name: retry
            schedule: "*/15 * * * *"
            action: { kind: webhook-retry }
            parameters: [{ name: since, defaultValue: 1h }]
        """))
        .containsExactlyInAnyOrder(
            "jobs[0].parameters[0].defaultValue: is required: a scheduled run fills {{since}} with it",
            "jobs[0].parameters[1].name: duplicate parameter name 'since' (also jobs[0].parameters[0])",
            "jobs[0].parameters[2].name: must be a letter then letters, digits or underscores, like eventId",
            "jobs[0].parameters[3].defaultValue: must be between 1 and 5, not 9",
            "jobs[0].action.url: {{nope}} names no parameter of this job (declare it in parameters)",
            "jobs[0].action.body: {{body}} names no parameter of this job (declare it in parameters)",
            "jobs[0].action.headers.X-A: {{other}} names no parameter of this job (declare it in parameters)",
            "jobs[1].parameters: a webhook-retry job takes none; a playbook's replay-webhooks action tells it which events to send");
  }

  @Test
  void cronExpressionsTheRunbooksUseAreValid() {
    for (String cron :
        List.of(
            "*/15 * * * *",
            "0 */4 * * *",
            "0 2 * * *",
            "0 9 * * MON",
            "0 2 1-7 * SUN",
            "0,30 8-18 * JAN-DEC 1-5")) {
      assertThat(CronText.problem(cron)).as(cron).isEmpty();
    }
  }
}
