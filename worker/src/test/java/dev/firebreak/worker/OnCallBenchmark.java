package dev.firebreak.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/oncall} with 20 schedules (each with its running workflow, so every answer
 * queries 20 workflows for their overrides), one request at a time on dev mode's embedded Temporal:
 * the latency a dashboard polling who is on call sees. Target p99 ≤ 20 ms.
 */
class OnCallBenchmark {

  private static final int SCHEDULES = 20;
  private static final int WARM_UP = 200;
  private static final int MEASURED = 1_000;

  @RegisterExtension final DevModeExtension devMode = new DevModeExtension();

  @Test
  void whoIsOnCallNowWithTwentySchedules(@TempDir Path dir) throws Exception {
    StringBuilder config =
        new StringBuilder(
            """
            organisation: On-call benchmark
            escalation:
              levels:
                - { name: primary, targets: ["slack:U0ALICE"] }
            services:
              - name: shop
                healthUrl: ${FIREBREAK_DEV_URL}/dev/services/shop/health
            oncall:
              schedules:
            """);
    for (int i = 0; i < SCHEDULES; i++) {
      config.append(
          """
              - name: team-%d
                timeZone: Europe/London
                layers:
                  - name: Primary
                    turn: weekly
                    start: 2026-01-05
                    handoff: "09:00"
                    participants: [{ name: A%d, slackUserId: U0A%d }, { name: B%d, slackUserId: U0B%d }]
                  - name: Daytime
                    turn: daily
                    start: 2026-01-05
                    participants: [{ name: C%d, slackUserId: U0C%d }]
                    restrictions: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }]
          """
              .formatted(i, i, i, i, i, i, i));
    }
    Path file = dir.resolve("firebreak.yaml");
    Files.writeString(file, config.toString());
    DevMode dev = devMode.start(file, Map.<String, String>of()::get);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/oncall"))
            .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
            .build();
    for (int i = 0; i < WARM_UP; i++) {
      http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      millis.add((System.nanoTime() - start) / 1e6);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /api/v1/oncall answered " + response.statusCode());
      }
    }
    Collections.sort(millis);
    BenchmarkReport report = new BenchmarkReport("oncall-benchmark.md");
    report.add(
        String.format(
            "GET /api/v1/oncall, %d schedules with running workflows, %d requests one at a time"
                + " after %d warm-up: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 ≤ 20 ms)",
            SCHEDULES,
            MEASURED,
            WARM_UP,
            BenchmarkReport.percentile(millis, 50),
            BenchmarkReport.percentile(millis, 90),
            BenchmarkReport.percentile(millis, 99),
            millis.get(millis.size() - 1)));
    report.write();
  }
}
