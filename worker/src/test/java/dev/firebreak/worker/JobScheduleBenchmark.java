package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's "500 jobs due at the same minute": how late the last one starts on dev mode's embedded
 * server (cron workflows). Every job runs {@code * * * * *} dry-run, so the figure is scheduling
 * and orchestration only: one group of 500 jobs. Not part of `./mvnw verify`; run it with {@code
 * ./mvnw -B -Pbenchmark -pl worker -am verify -Dtest=JobScheduleBenchmark [-Djobs=500]} and read
 * {@code worker/target/benchmark/job-schedule-benchmark.md}. With {@code -Dbenchmark.temporal=cli}
 * the jobs are Temporal Schedules on the CLI's dev server ({@link BenchmarkStack}).
 */
class JobScheduleBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int JOBS = Integer.getInteger("jobs", 500);

  /** Every job runs at {@code * * * * *} in UTC: one group, so one Schedule. */
  private static final int GROUPS = 1;

  /** Time after the minute for every run to have started and finished, generously. */
  private static final Duration SETTLE = Duration.ofSeconds(40);

  @Test
  void measure() throws Exception {
    BenchmarkReport report = new BenchmarkReport("job-schedule-benchmark.md");
    Path config = Files.createTempFile("job-schedule-benchmark", ".yaml");
    Files.writeString(config, config());
    long setupStart = System.nanoTime();
    try (BenchmarkStack dev = BenchmarkStack.start("job-schedules", config, Map.of())) {
      if (BenchmarkStack.onCli()) {
        awaitSchedules(dev);
      }
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      // Jobs reconciled after a minute began fire only at the next one, so measure the first whole
      // minute.
      Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), minute).toMillis()));
      Map<String, Double> cpuBefore = dev.cpuSeconds();
      Thread.sleep(SETTLE.toMillis());
      report.add(dev.cpuSince(cpuBefore) + " (the minute's first " + SETTLE.toSeconds() + " s)");
      List<Double> tickLateness = new ArrayList<>();
      List<Double> startLateness = new ArrayList<>();
      for (JsonNode job : get(dev, "/api/v1/jobs")) {
        for (JsonNode run : job.path("history")) {
          Instant due = Instant.parse(run.path("trigger").path("dueAt").asText());
          if (!due.isBefore(minute) && due.isBefore(minute.plus(Duration.ofMinutes(1)))) {
            tickLateness.add(Duration.between(minute, due).toMillis() / 1e3);
            startLateness.add(
                Duration.between(minute, Instant.parse(run.path("startedAt").asText())).toMillis()
                    / 1e3);
          }
        }
      }
      if (startLateness.isEmpty()) {
        throw new IllegalStateException(
            "no run was due at " + minute + ": " + get(dev, "/api/v1/jobs/job-0"));
      }
      Collections.sort(tickLateness);
      Collections.sort(startLateness);
      report.add(
          String.format(
              "%d jobs due at %s (%s, dry-run calls; set up in %.1f s): "
                  + "%d runs started within the minute; fan-out started after p50 %.2f s, p99 %.2f s, max %.2f s; "
                  + "run started after p50 %.2f s, p99 %.2f s, max %.2f s (the last one: target ≤ 5 s)",
              JOBS,
              minute,
              BenchmarkStack.onCli() ? "one Temporal Schedule" : "one cron workflow",
              setupSeconds,
              startLateness.size(),
              BenchmarkReport.percentile(tickLateness, 50),
              BenchmarkReport.percentile(tickLateness, 99),
              tickLateness.get(tickLateness.size() - 1),
              BenchmarkReport.percentile(startLateness, 50),
              BenchmarkReport.percentile(startLateness, 99),
              startLateness.get(startLateness.size() - 1)));
    }
    report.write();
  }

  /**
   * The worker reconciles the jobs after it starts polling, every job's workflow first and then the
   * group Schedules: the set-up ends when the one group Schedule exists.
   */
  private static void awaitSchedules(BenchmarkStack dev) throws InterruptedException {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            dev.client().getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long count;
    while ((count = schedules.listSchedules().count()) < GROUPS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " of " + GROUPS + " Schedules after 5 minutes");
      }
      // Seldom: a list of schedules is a visibility query that competes with the reconcile it waits
      // for.
      Thread.sleep(1_000);
    }
  }

  private static String config() {
    StringBuilder yaml =
        new StringBuilder(BenchmarkStack.configHeader("Job schedule benchmark")).append("jobs:\n");
    for (int i = 0; i < JOBS; i++) {
      yaml.append("  - { name: job-")
          .append(i)
          .append(", schedule: \"* * * * *\", action: { url: \"https://app.test/api/cron/job-")
          .append(i)
          .append("?secret=${BENCHMARK_CRON_SECRET}\" } }\n");
    }
    return yaml.toString();
  }

  private static JsonNode get(BenchmarkStack dev, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(dev.apiUrl() + path))
                .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
