package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.ApprovalRule;
import dev.firebreak.workflows.playbook.ParameterSpec;
import dev.firebreak.workflows.playbook.ParameterType;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import dev.firebreak.workflows.rollback.PlatformService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookConfigTest {

  /**
   * Two services (one on Vercel with Sentry, one on Render) and a webhook-retry and an http job.
   */
  private static final String BASE =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      providers:
        sentry: { organisation: acme, authToken: "${SENTRY_TOKEN}" }
      services:
        - { name: web, healthUrl: "https://web.acme.test/health", platform: vercel, platformId: prj_1, sentryProject: "42" }
        - { name: api, healthUrl: "https://api.acme.test/health", platform: render, platformId: srv-1 }
        - { name: docs }
      jobs:
        - { name: webhook-retry, schedule: "*/15 * * * *", action: { kind: webhook-retry, parameters: { provider: stripe } } }
        - { name: purge, schedule: "0 3 * * *", action: { url: "https://api.acme.test/cron/purge" } }
      """;

  private static List<String> problems(String playbooks) {
    return new ConfigLoader()
        .check(BASE + playbooks).problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aWellFormedPlaybookHasNoProblems() {
    assertThat(problems(CIRCUIT_BREAKER)).isEmpty();
  }

  @Test
  void everyMistakeInAPlaybookIsReportedAtItsField() {
    assertThat(
            problems(
                """
        playbooks:
          - name: Site Down
            match: { services: [nope], severities: [P9], words: [""] }
            diagnosis:
              - { name: health, kind: http }
              - { name: health, kind: http, url: "ftp://x", expect: ["$.a = 1", "$.b < \\"x\\"", "latency < 5"], status: 99, timeout: 5m }
              - { name: errors, kind: errors, service: api }
              - { name: deploys, kind: deploys, service: docs }
              - { name: ping, kind: telepathy }
            actions:
              - { name: flip, kind: env, service: docs, roles: [root], approval: { roles: [boss], expiresAfter: 10s } }
              - { name: flip, kind: teleport }
              - { name: restart, kind: restart, service: web }
              - name: scale
                kind: scale
                service: api
                instances: "{{count}}"
                parameters:
                  - { name: count, type: string }
                  - { name: count, type: number }
                  - { name: 9lives, type: integer, min: 5, max: 1, defaultValue: "7" }
                  - { name: when, type: time-range, min: 3, defaultValue: "2024-01-02T00:00:00Z/2024-01-01T00:00:00Z" }
                  - { name: evt, pattern: "evt_[", defaultValue: "x" }
                  - { name: ids, type: list, pattern: "evt_[a-z]+", defaultValue: "evt_a,pi_b" }
              - { name: replay, kind: replay-webhooks, job: purge }
              - { name: replay-both, kind: replay-webhooks, job: nope, eventIds: "{{ids}}", timeRange: "2024" }
              - { name: run, kind: job, with: { batch: "{{size}}" } }
              - { name: call, kind: http, http: { method: FETCH, url: "ftp://x" }, verify: [docs, nope], undo: call }
              - { name: undoer, kind: redeploy, service: web, undo: missing }
              - { name: purge-days, kind: job, job: purge, with: { days: "1" } }
            checklist: ["Check the dashboard", " "]
            prevention: [""]
          - { name: site-down, title: Twin }
          - { name: site-down }
        """))
        .containsExactlyInAnyOrder(
            "playbooks[0].name: must be lower-case letters, digits and dashes, like site-down",
            "playbooks[0].match.services[0]: no service named 'nope' in services",
            "playbooks[0].match.severities[0]: unknown severity 'P9' (known: P0, P1, P2, P3, P4)",
            "playbooks[0].match.words[0]: must not be empty",
            "playbooks[0].diagnosis[0].url: is required for a http probe",
            "playbooks[0].diagnosis[1].name: duplicate probe name 'health' (also playbooks[0].diagnosis[0])",
            "playbooks[0].diagnosis[1].url: must be an http(s) URL, not 'ftp://x'",
            "playbooks[0].diagnosis[1].expect[0]: must be '<JSONPath> <operator> <JSON value>' such as '$.checks.database.status == \"pass\"' (operators: == != <= >= < >), not '$.a = 1'",
            "playbooks[0].diagnosis[1].expect[1]: '<' compares numbers only, not '\"x\"'",
            "playbooks[0].diagnosis[1].expect[2]: must be '<JSONPath> <operator> <JSON value>' such as '$.checks.database.status == \"pass\"' (operators: == != <= >= < >), not 'latency < 5'",
            "playbooks[0].diagnosis[1].status: must be an HTTP status between 100 and 599",
            "playbooks[0].diagnosis[1].timeout: must be at most 30s, not '5m'",
            "playbooks[0].diagnosis[2].service: service 'api' has no sentryProject, so its errors cannot be counted",
            "playbooks[0].diagnosis[3].service: service 'docs' has no platform, so its deploys cannot be listed",
            "playbooks[0].diagnosis[4].kind: unknown kind 'telepathy' (known: http, status-page, errors, deploys)",
            "playbooks[0].actions[0].roles[0]: unknown role 'root' (known: viewer, responder, admin)",
            "playbooks[0].actions[0].approval.roles[0]: unknown role 'boss' (known: viewer, responder, admin)",
            "playbooks[0].actions[0].approval.expiresAfter: must be at least 1m, not '10s'",
            "playbooks[0].actions[0].service: service 'docs' must be on vercel or render for a env action (it has no platform)",
            "playbooks[0].actions[0].set: an env action must set or unset at least one variable",
            "playbooks[0].actions[1].name: duplicate action name 'flip' (also playbooks[0].actions[0])",
            "playbooks[0].actions[1].kind: unknown kind 'teleport' (known: env, restart, scale, redeploy, rollback, replay-webhooks, job, http)",
            "playbooks[0].actions[2].service: service 'web' must be on render for a restart action (its platform: vercel)",
            "playbooks[0].actions[3].parameters[1].name: duplicate parameter name 'count' (also playbooks[0].actions[3].parameters[0])",
            "playbooks[0].actions[3].parameters[1].type: unknown type 'number' (known: string, integer, list, time-range)",
            "playbooks[0].actions[3].parameters[2].name: must be a letter then letters, digits or underscores, like eventId",
            "playbooks[0].actions[3].parameters[2].min: must not be more than max (1)",
            "playbooks[0].actions[3].parameters[2].defaultValue: must be between 5 and 1, not 7",
            "playbooks[0].actions[3].parameters[3].min: only bounds an integer parameter",
            "playbooks[0].actions[3].parameters[3].defaultValue: must be <from>/<to>, two ISO-8601 instants in order, not '2024-01-02T00:00:00Z/2024-01-01T00:00:00Z'",
            "playbooks[0].actions[3].parameters[4].pattern: is not a regular expression (Unclosed character class): 'evt_['",
            "playbooks[0].actions[3].parameters[5].defaultValue: 'pi_b' does not match evt_[a-z]+",
            "playbooks[0].actions[3].instances: parameter 'count' must be of type integer, not string",
            "playbooks[0].actions[4].job: job 'purge' must be a webhook-retry job to replay webhooks",
            "playbooks[0].actions[4].eventIds: give eventIds or timeRange (a {{parameter}} holding the events to replay), not neither",
            "playbooks[0].actions[5].job: no job named 'nope' in jobs",
            "playbooks[0].actions[5].eventIds: give eventIds or timeRange (a {{parameter}} holding the events to replay), not both",
            "playbooks[0].actions[5].timeRange: must be a {{parameter}}, not '2024'",
            "playbooks[0].actions[5].eventIds: {{ids}} names no parameter of this action (declare it in parameters)",
            "playbooks[0].actions[6].job: is required: the name of a job in jobs",
            "playbooks[0].actions[6].with.batch: {{size}} names no parameter of this action (declare it in parameters)",
            "playbooks[0].actions[9].with.days: job 'purge' has no parameter 'days' (it declares none)",
            "playbooks[0].actions[7].http.url: must be an http(s) URL (it may start with a ${ENV} reference)",
            "playbooks[0].actions[7].http.method: unknown method 'FETCH' (known: GET, POST, PUT, PATCH, DELETE)",
            "playbooks[0].actions[7].verify[0]: no health check or probe named 'docs' (a service with a healthUrl, or a probe of this playbook's diagnosis)",
            "playbooks[0].actions[7].verify[1]: no health check or probe named 'nope' (a service with a healthUrl, or a probe of this playbook's diagnosis)",
            "playbooks[0].actions[7].undo: cannot name the action itself",
            "playbooks[0].actions[8].undo: no action named 'missing' in playbook 'Site Down'",
            "playbooks[0].checklist[1]: must not be empty",
            "playbooks[0].prevention[0]: must not be empty",
            "playbooks[2].name: duplicate playbook name 'site-down' (also playbooks[1])");
  }

  static final String CIRCUIT_BREAKER =
      """
      playbooks:
        - name: payments-down
          title: Payment processing broken
          match: { alerts: [PaymentFailures], labels: { team: payments }, services: [web], severities: [P1, P2], words: [payment, checkout] }
          symptoms: Checkout fails with a 500.
          diagnosis:
            - { name: db, url: "https://web.acme.test/health", expect: ['$.checks.database.status == "pass"'], critical: true }
            - { name: stripe, kind: status-page, url: "https://status.stripe.com" }
            - { name: web-errors, kind: errors, service: web, maxErrors: 50 }
            - { name: web-deploys, kind: deploys, service: web }
          actions:
            - name: circuit-breaker
              title: Serve mock data
              kind: env
              service: web
              set: { ENABLE_MOCK_DATA: "true" }
              confirm: Switch the site to mock data?
              approval: { roles: [admin], expiresAfter: 15m }
              verify: [web, db]
              undo: close-breaker
            - { name: close-breaker, kind: env, service: web, unset: [ENABLE_MOCK_DATA] }
            - { name: scale-api, kind: scale, service: api, instances: "{{count}}", parameters: [{ name: count, type: integer, min: 1, max: 10, defaultValue: "2" }] }
            - { name: replay, kind: replay-webhooks, job: webhook-retry, eventIds: "{{ids}}", roles: [admin], parameters: [{ name: ids, type: list, pattern: "evt_[A-Za-z0-9]+" }] }
            - { name: purge, kind: job, job: purge }
            - { name: rollback, kind: rollback, service: api }
            - { name: flush, kind: http, http: { url: "https://api.acme.test/cache", method: DELETE, headers: { Authorization: "Bearer ${CACHE_TOKEN}" } } }
          checklist: [Check Stripe's status, Open the circuit breaker]
          prevention: [Alert on payment failures above 10 %]
      """;

  @Test
  void aPlaybookBecomesTheDomainRecordsWithServicesResolvedToTheirPlatform() {
    FirebreakConfig config = new ConfigLoader().load(BASE + CIRCUIT_BREAKER);
    PlaybookSpec spec = new PlaybookSpecFactory(config).specs().get(0);

    assertThat(spec.name()).isEqualTo("payments-down");
    assertThat(spec.title()).isEqualTo("Payment processing broken");
    assertThat(spec.match().severities()).containsExactly(Severity.P1, Severity.P2);
    assertThat(spec.match().labels()).containsEntry("team", "payments");
    assertThat(spec.probes())
        .extracting(Probe::name, Probe::kind, Probe::critical)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("db", "http", true),
            org.assertj.core.groups.Tuple.tuple("stripe", "status-page", false),
            org.assertj.core.groups.Tuple.tuple("web-errors", "errors", false),
            org.assertj.core.groups.Tuple.tuple("web-deploys", "deploys", false));
    assertThat(spec.probes().get(0).timeout()).isEqualTo(Duration.ofSeconds(10));
    ActionSpec breaker = spec.action("circuit-breaker").orElseThrow();
    assertThat(breaker)
        .isEqualTo(
            new ActionSpec(
                "circuit-breaker",
                "Serve mock data",
                List.of("responder", "admin"),
                new ApprovalRule(List.of("admin"), Duration.ofMinutes(15)),
                "Switch the site to mock data?",
                List.of(),
                new ActionStep.Env(
                    new PlatformService("web", "vercel", "prj_1"),
                    Map.of("ENABLE_MOCK_DATA", "true"),
                    List.of()),
                List.of("web", "db"),
                "close-breaker"));
    assertThat(spec.action("scale-api").orElseThrow().step())
        .isEqualTo(
            new ActionStep.Scale(new PlatformService("api", "render", "srv-1"), "{{count}}"));
    assertThat(spec.action("scale-api").orElseThrow().parameters())
        .containsExactly(
            new ParameterSpec("count", ParameterType.INTEGER, false, null, 1L, 10L, "2", null));
    assertThat(spec.action("replay").orElseThrow().step())
        .isEqualTo(new ActionStep.ReplayWebhooks("webhook-retry", "{{ids}}", null));
    assertThat(spec.action("replay").orElseThrow().parameters().get(0).required()).isTrue();
    assertThat(spec.action("purge").orElseThrow().step())
        .isEqualTo(new ActionStep.RunJob("purge", Map.of()));
    assertThat(spec.action("rollback").orElseThrow().step())
        .isEqualTo(new ActionStep.Rollback("api"));
    ActionStep.Http flush = (ActionStep.Http) spec.action("flush").orElseThrow().step();
    assertThat(flush.call().fromConfig()).isTrue();
    assertThat(flush.call().method()).isEqualTo("DELETE");
    assertThat(spec.checklist())
        .containsExactly("Check Stripe's status", "Open the circuit breaker");
    assertThat(spec.prevention()).containsExactly("Alert on payment failures above 10 %");
  }

  @Test
  void theFirstPlaybookInConfigOrderThatMatchesApplies() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                BASE
                    + """
        playbooks:
          - { name: by-hand-only, title: No match }
          - { name: web-down, match: { services: [web], words: [down] } }
          - { name: anything-p1, match: { severities: [P1] } }
        """);
    PlaybookSpecFactory playbooks = new PlaybookSpecFactory(config);

    assertThat(playbooks.firstMatch("web", Severity.P1, "Web is down", null, Map.of()))
        .map(PlaybookSpec::name)
        .contains("web-down");
    assertThat(playbooks.firstMatch("api", Severity.P1, "API is down", null, Map.of()))
        .map(PlaybookSpec::name)
        .contains("anything-p1");
    assertThat(playbooks.firstMatch("api", Severity.P3, "Slow", null, Map.of())).isEmpty();
    assertThat(playbooks.named("by-hand-only")).map(PlaybookSpec::title).contains("No match");
  }
}
