package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue #6's alert storm on dev mode's embedded server: {@code benchmark.alerts} Alertmanager
 * deliveries (10,000) over {@code benchmark.fingerprints} distinct alerts (1,000), posted at an
 * even rate over {@code benchmark.seconds} (60). Reports the p99 time to the 202, then, once every
 * incident has counted its deliveries, the incidents opened, the pages sent and the alerts lost.
 * Not part of `./mvnw verify`; run it with {@code ./mvnw -B -Pbenchmark -pl worker -am verify
 * -Dtest=AlertStormBenchmark} and read {@code worker/target/benchmark/alert-storm-benchmark.md}
 * ({@code -Dbenchmark.temporal=cli}: on a real server, see {@link BenchmarkStack}).
 */
class AlertStormBenchmark {

  private static final int ALERTS = Integer.getInteger("benchmark.alerts", 10_000);
  private static final int FINGERPRINTS = Integer.getInteger("benchmark.fingerprints", 1_000);
  private static final int SECONDS = Integer.getInteger("benchmark.seconds", 60);
  private static final int SENDERS = 32;
  private static final Duration SETTLE_TIMEOUT =
      Duration.ofMinutes(Integer.getInteger("benchmark.settleMinutes", 5));

  /** One service and one level to page: every alert maps to it. */
  static final String CONFIG =
      """
      organisation: Alert storm
      api:
        tokens:
          - { name: benchmark, token: "${FIREBREAK_BENCH_TOKEN}", roles: [admin] }
      severities:
        P1: { ackTimeout: 1h, updateInterval: 1h }
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: checkout
      alerts:
        defaultService: checkout
      """;

  @Test
  void measure() throws Exception {
    BenchmarkReport report = new BenchmarkReport("alert-storm-benchmark.md");
    Path config = Files.createTempFile("alert-storm", ".yaml");
    Files.writeString(config, CONFIG);
    try (BenchmarkStack dev = BenchmarkStack.start("alert-storm", config, Map.of())) {
      Map<String, Double> cpuBefore = dev.cpuSeconds();
      storm(dev, report);
      report.add(dev.cpuSince(cpuBefore));
    }
    report.write();
  }

  private void storm(BenchmarkStack dev, BenchmarkReport report) throws Exception {
    List<Double> millis = new CopyOnWriteArrayList<>();
    Set<String> incidents = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    long intervalNanos = TimeUnit.SECONDS.toNanos(SECONDS) / ALERTS;
    long start = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    for (int s = 0; s < SENDERS; s++) {
      senders.execute(
          () -> {
            for (int k = next.getAndIncrement(); k < ALERTS; k = next.getAndIncrement()) {
              long wait = start + k * intervalNanos - System.nanoTime();
              if (wait > 0) {
                sleep(wait);
              }
              long sent = System.nanoTime();
              HttpResponse<String> response = post(dev, k % FINGERPRINTS);
              millis.add((System.nanoTime() - sent) / 1e6);
              if (response.statusCode() == 202) {
                incidents.add(
                    RollbackBenchmark.read(response).get("incidents").get(0).get("id").asText());
              } else {
                refused.incrementAndGet();
              }
            }
          });
    }
    senders.shutdown();
    senders.awaitTermination(SECONDS + 600, TimeUnit.SECONDS);
    double postedSeconds = (System.nanoTime() - start) / 1e9;
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);

    long settleStart = System.nanoTime();
    int counted = 0;
    long pages = 0;
    int incidentsWithOnePage = 0;
    int unanswered = 0;
    while (System.nanoTime() - settleStart < SETTLE_TIMEOUT.toNanos()) {
      counted = 0;
      pages = 0;
      incidentsWithOnePage = 0;
      unanswered = 0;
      for (String id : incidents) {
        JsonNode view =
            RollbackBenchmark.read(
                RollbackBenchmark.call(
                    HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/incidents/" + id))
                        .GET()));
        if (!view.has("timeline")) {
          // An error answer (the incident's query timed out behind a busy worker): not settled yet.
          unanswered++;
          continue;
        }
        counted += view.path("alerts").path("firings").asInt();
        long paged = 0;
        for (JsonNode entry : view.get("timeline")) {
          paged += entry.get("kind").asText().equals("paged") ? 1 : 0;
        }
        pages += paged;
        incidentsWithOnePage += paged == 1 ? 1 : 0;
      }
      if (counted >= ALERTS - refused.get() && incidentsWithOnePage == incidents.size()) {
        break;
      }
      Thread.sleep(1000);
    }
    report.add(
        String.format(
            "%,d Alertmanager deliveries of %,d distinct alerts posted over %.1f s (%d senders, "
                + "even rate): %,d × 202, %d refused; time to the 202 p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms",
            ALERTS,
            FINGERPRINTS,
            postedSeconds,
            SENDERS,
            ALERTS - refused.get(),
            refused.get(),
            BenchmarkReport.percentile(sorted, 50),
            BenchmarkReport.percentile(sorted, 90),
            BenchmarkReport.percentile(sorted, 99),
            sorted.get(sorted.size() - 1)));
    report.add(
        String.format(
            "Incidents: %,d (expected %,d); pages: %,d (%,d incidents with exactly one); "
                + "alerts counted by their incidents: %,d; lost (or not yet counted): %,d; incidents whose view failed: %d; "
                + "settled (or gave up) %.1f s after the last post",
            incidents.size(),
            FINGERPRINTS,
            pages,
            incidentsWithOnePage,
            counted,
            ALERTS - refused.get() - counted,
            unanswered,
            (System.nanoTime() - settleStart) / 1e9));
  }

  private static HttpResponse<String> post(BenchmarkStack dev, int fingerprint) {
    String body =
        """
        {"version": "4", "status": "firing", "receiver": "firebreak", "groupKey": "{}:{alertname=\\"Storm%1$d\\"}",
         "alerts": [{"status": "firing", "fingerprint": "storm-%1$d", "labels": {"alertname": "Storm%1$d",
           "severity": "critical", "instance": "node-%1$d"}, "annotations": {"summary": "Storm alert %1$d"},
           "startsAt": "2026-11-23T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}"""
            .formatted(fingerprint);
    return RollbackBenchmark.call(
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/alerts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
