package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeVercel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15's target: the orchestration overhead of an {@code env} action (request → variable
 * written, redeployed, live and verified, minus the fake platform's own build time) p99 ≤ 500 ms.
 * Dev mode with Vercel live against its local fake, whose redeploys take {@link #BUILD} to go live;
 * the circuit breaker and its undo alternate, so every run writes a variable and redeploys. One run
 * at a time through the HTTP API, polled every {@link #STATUS_POLL}. Not part of {@code verify}:
 * {@code ./mvnw -B -Pbenchmark -pl worker -am verify -Dtest=EnvActionBenchmark}.
 */
class EnvActionBenchmark {

  private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
  private static final String PROJECT = "prj_bench_checkout";
  private static final Duration BUILD = Duration.ofMillis(300);
  private static final Duration STATUS_POLL = Duration.ofMillis(5);
  private static final int WARM_UP = 20;
  private static final int MEASURED = 200;

  /** A fresh incident every so many runs, so no incident's history grows long. */
  private static final int RUNS_PER_INCIDENT = 40;

  @RegisterExtension final DevModeExtension devMode = new DevModeExtension();

  @Test
  void anEnvActionFromRequestToVerifiedLive(@TempDir Path dir) throws Exception {
    FakeVercel vercel =
        devMode
            .closeAfter(new FakeVercel("vercel-token", null))
            .productionDeploy(PROJECT, "dpl_live", T0, "READY", "aaa");
    vercel.builds().takes(0, BUILD);
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(config, CONFIG);
    DevMode dev =
        devMode.start(
            config,
            Map.of("VERCEL_TOKEN", "vercel-token", "VERCEL_API_URL", vercel.baseUrl())::get);
    DevApi api = new DevApi(dev.apiUrl());

    List<Double> overheads = new ArrayList<>();
    String incident = null;
    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      if (i % RUNS_PER_INCIDENT == 0) {
        incident = declare(api);
      }
      String action = i % 2 == 0 ? "circuit-breaker" : "close-circuit-breaker";
      long start = System.nanoTime();
      JsonNode accepted =
          api.call(
              "POST",
              "/api/v1/incidents/" + incident + "/actions/" + action,
              "{\"reason\":\"benchmark " + i + "\"}",
              202);
      JsonNode run = awaitFinal(api, incident, accepted.get("runId").asText());
      double millis = (System.nanoTime() - start) / 1e6 - BUILD.toMillis();
      if (!run.get("status").asText().equals("SUCCEEDED")) {
        throw new IllegalStateException("run " + i + " ended " + run);
      }
      if (i >= WARM_UP) {
        overheads.add(millis);
      }
    }
    Collections.sort(overheads);
    BenchmarkReport report = new BenchmarkReport("env-action-benchmark.md");
    report.add(
        String.format(
            "env action (circuit breaker and its undo, alternating): request → written,"
                + " redeployed, live and verified, minus the fake Vercel's %d ms build; %d runs one"
                + " at a time after %d warm-up (status read every %d ms): p50 %.0f ms, p90 %.0f ms,"
                + " p99 %.0f ms, max %.0f ms (target p99 ≤ 500 ms); %d redeploys at Vercel",
            BUILD.toMillis(),
            MEASURED,
            WARM_UP,
            STATUS_POLL.toMillis(),
            BenchmarkReport.percentile(overheads, 50),
            BenchmarkReport.percentile(overheads, 90),
            BenchmarkReport.percentile(overheads, 99),
            overheads.get(overheads.size() - 1),
            vercel.redeploysStarted().size()));
    report.write();
  }

  private static String declare(DevApi api) throws Exception {
    return api.call(
            "POST",
            "/api/v1/incidents",
            "{\"title\":\"Checkout failing\",\"severity\":\"P2\",\"service\":\"checkout\","
                + "\"playbook\":\"checkout-down\"}",
            201)
        .get("id")
        .asText();
  }

  private static JsonNode awaitFinal(DevApi api, String incident, String runId) throws Exception {
    while (true) {
      JsonNode run =
          api.call("GET", "/api/v1/incidents/" + incident + "/actions/" + runId, null, 200);
      String status = run.get("status").asText();
      if (!status.equals("RUNNING") && !status.equals("VERIFYING")) {
        return run;
      }
      Thread.sleep(STATUS_POLL.toMillis());
    }
  }

  private static final String CONFIG =
      """
      organisation: Env action benchmark
      providers:
        vercel: { token: "${VERCEL_TOKEN}" }
      severities:
        P2: { ackTimeout: 1h, updateInterval: 1h, postMortemDue: 1d, page: false }
      escalation:
        levels:
          - { name: primary, targets: ["slack:U0BENCH"] }
      services:
        - name: checkout
          healthUrl: ${FIREBREAK_DEV_URL}/dev/services/checkout/health
          platform: vercel
          platformId: prj_bench_checkout
      playbooks:
        - name: checkout-down
          title: Checkout down
          actions:
            - name: circuit-breaker
              title: Serve mock data
              kind: env
              service: checkout
              set: { ENABLE_MOCK_DATA: "true" }
              verify: [checkout]
              undo: close-circuit-breaker
            - name: close-circuit-breaker
              title: Serve real data again
              kind: env
              service: checkout
              unset: [ENABLE_MOCK_DATA]
              verify: [checkout]
      """;
}
