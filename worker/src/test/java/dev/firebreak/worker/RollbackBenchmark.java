package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.fakes.FakeVercel;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Issue #4's rollback measurements, on dev mode's embedded server with Vercel and Render live
 * against local fakes whose rollbacks take {@link #PLATFORM_DELAY} to go live. Not part of `./mvnw
 * verify`; run it with {@code ./mvnw -B -Pbenchmark -pl worker -am verify -Dtest=RollbackBenchmark}
 * and read {@code worker/target/benchmark/rollback-benchmark.md}.
 */
class RollbackBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final int SERVICES = 20;
  private static final int SEQUENTIAL_ROLLBACKS = 100;
  private static final Duration PLATFORM_DELAY = Duration.ofMillis(300);
  private static final Duration STATUS_POLL = Duration.ofMillis(10);
  private final List<String> report = new ArrayList<>();

  @Test
  void measure() throws Exception {
    report.add(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, JDK "
            + System.getProperty("java.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB");
    Path config = Files.createTempFile("rollback-benchmark", ".yaml");
    Files.writeString(config, config());
    try (FakeVercel vercel = new FakeVercel("vercel-token", null);
        FakeRender render = new FakeRender("rnd_key")) {
      for (int i = 0; i < SERVICES; i += 2) {
        vercel
            .productionDeploy("prj-" + i, "dpl-good-" + i, T0.minusSeconds(3600), "READY", "a" + i)
            .productionDeploy("prj-" + i, "dpl-bad-" + i, T0, "READY", "b" + i);
        render
            .deploy(
                "srv-" + (i + 1),
                "dep-good-" + (i + 1),
                T0.minusSeconds(3600),
                "deactivated",
                "c" + i)
            .deploy("srv-" + (i + 1), "dep-bad-" + (i + 1), T0, "live", "d" + i);
      }
      vercel.rollbacks().takes(0, PLATFORM_DELAY);
      render.rollbacks().takes(0, PLATFORM_DELAY);
      Map<String, String> env =
          Map.of(
              "VERCEL_TOKEN",
              "vercel-token",
              "VERCEL_API_URL",
              vercel.baseUrl(),
              "RENDER_API_KEY",
              "rnd_key",
              "RENDER_API_URL",
              render.baseUrl());
      try (DevMode dev = DevMode.start(config, freePort(), freePort(), env::get)) {
        overhead(dev);
        concurrentRequests(dev, vercel, render);
      }
    }
    Path out = Path.of("target/benchmark/rollback-benchmark.md");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  /** Request → live and healthy, one rollback at a time, minus the platform's own delay. */
  private void overhead(DevMode dev) throws Exception {
    List<Double> overheads = new ArrayList<>();
    for (int i = 0; i < SEQUENTIAL_ROLLBACKS; i++) {
      String service = "svc-" + (i % SERVICES);
      long start = System.nanoTime();
      JsonNode accepted = post(dev, service, "seq-" + i);
      awaitFinal(dev, accepted.get("id").asText());
      double millis = (System.nanoTime() - start) / 1e6 - PLATFORM_DELAY.toMillis();
      if (i >= SERVICES) {
        overheads.add(millis); // the first round warms the JIT and starts each service's lock
      }
    }
    Collections.sort(overheads);
    report.add(
        String.format(
            "Orchestration overhead (request → live and healthy, minus the fake platform's %d ms): "
                + "%d sequential rollbacks over %d services after a warm-up round: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms"
                + " (status read every %d ms)",
            PLATFORM_DELAY.toMillis(),
            overheads.size(),
            SERVICES,
            BenchmarkReport.percentile(overheads, 50),
            BenchmarkReport.percentile(overheads, 90),
            BenchmarkReport.percentile(overheads, 99),
            overheads.get(overheads.size() - 1),
            STATUS_POLL.toMillis()));
  }

  /** Per service: one request, three repeats with its key and one with another key, all at once. */
  private void concurrentRequests(DevMode dev, FakeVercel vercel, FakeRender render)
      throws Exception {
    int before = vercel.rollbacksStarted().size() + render.rollbacksStarted().size();
    List<String[]> calls = new ArrayList<>();
    for (int s = 0; s < SERVICES; s++) {
      for (int r = 0; r < 4; r++) {
        calls.add(new String[] {"svc-" + s, "burst-" + s});
      }
      calls.add(new String[] {"svc-" + s, "other-" + s});
    }
    Collections.shuffle(calls);
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    long start = System.nanoTime();
    try {
      List<CompletableFuture<HttpResponse<String>>> sent =
          calls.stream()
              .map(c -> CompletableFuture.supplyAsync(() -> send(dev, c[0], c[1]), pool))
              .toList();
      List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
      double answeredMs = (System.nanoTime() - start) / 1e6;
      List<String> workflows =
          answers.stream()
              .filter(a -> a.statusCode() == 202)
              .map(a -> read(a).get("workflowId").asText())
              .distinct()
              .toList();
      for (String workflow : workflows) {
        awaitFinal(dev, workflow.substring("rollback-".length()));
      }
      int platformRollbacks =
          vercel.rollbacksStarted().size() + render.rollbacksStarted().size() - before;
      report.add(
          String.format(
              "%d concurrent requests (%d services × 1 + 3 repeats of its key + 1 other key): "
                  + "%d × 202, %d × 409, %d rollback workflows, %d platform rollbacks; all answered in %.0f ms, "
                  + "all rollbacks live and healthy after %.0f ms",
              calls.size(),
              SERVICES,
              answers.stream().filter(a -> a.statusCode() == 202).count(),
              answers.stream().filter(a -> a.statusCode() == 409).count(),
              workflows.size(),
              platformRollbacks,
              answeredMs,
              (System.nanoTime() - start) / 1e6));
    } finally {
      pool.shutdownNow();
    }
  }

  private static String config() {
    StringBuilder yaml =
        new StringBuilder(
            """
        organisation: Rollback benchmark
        providers:
          vercel: { token: "${VERCEL_TOKEN}" }
          render: { apiKey: "${RENDER_API_KEY}" }
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
        """);
    for (int i = 0; i < SERVICES; i++) {
      boolean vercel = i % 2 == 0;
      yaml.append("  - name: svc-")
          .append(i)
          .append('\n')
          .append("    healthUrl: ${FIREBREAK_DEV_URL}/dev/services/svc-")
          .append(i)
          .append("/health\n")
          .append("    platform: ")
          .append(vercel ? "vercel" : "render")
          .append('\n')
          .append("    platformId: ")
          .append(vercel ? "prj-" : "srv-")
          .append(i)
          .append('\n')
          .append("    rollback: { pollInterval: PT0.05S, healthChecks: 3, healthInterval: 1s }\n");
    }
    return yaml.toString();
  }

  private static JsonNode post(DevMode dev, String service, String key) {
    HttpResponse<String> response = send(dev, service, key);
    if (response.statusCode() != 202) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return read(response);
  }

  private static HttpResponse<String> send(DevMode dev, String service, String key) {
    return call(
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/rollbacks"))
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"service\":\"" + service + "\",\"reason\":\"benchmark\"}")));
  }

  private static void awaitFinal(DevMode dev, String id) throws InterruptedException {
    while (true) {
      String status =
          read(call(
                  HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/rollbacks/" + id))
                      .GET()))
              .get("status")
              .asText();
      if (status.equals("SUCCEEDED")) {
        return;
      }
      if (status.matches("UNHEALTHY|REFUSED|EXPIRED|FAILED")) {
        throw new IllegalStateException(id + " ended " + status);
      }
      Thread.sleep(STATUS_POLL.toMillis());
    }
  }

  /** Sends a request to dev mode's API with the dev token. */
  static HttpResponse<String> call(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
